/**
 * Every test starts with the widget speaking English, as the app does once its English chunk has
 * arrived (widget/app/languages.ts): components render with words, as on a page.
 */
import { setDictionary } from '../../widget/app/i18n';
import { en } from '../../widget/app/i18n/en';

setDictionary(en);
