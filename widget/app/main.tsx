/**
 * Entry of the app chunk (an IIFE injected by widget.js). It hands `mount` to the loader through
 * a private property of `window.peakend` and defines no other global.
 */
import type { PeakendApi } from './bridge';
import { mount } from './mount';

const api = (window as unknown as { peakend?: PeakendApi }).peakend;
if (api) api.__app = mount;
