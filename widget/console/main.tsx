/**
 * Entry of the agent console, served at /console/ (and invite links at /console/join#TOKEN, links
 * that confirm an email at /console/verify#TOKEN: the secret after `#` never reaches a server).
 */
import { render } from 'preact';
import { inviteTokenOf, verifyTokenOf } from './accountApi';
import { httpSessionApi } from './api';
import { App } from './components/App';
import { initialLanguage, LanguageProvider, loadConsoleDictionary } from './i18n';
import { connectLive } from './live';
import './console.css';

const root = document.getElementById('app');
if (root) {
  // Drawn once the words have arrived, so nothing shows in English first.
  const language = initialLanguage();
  void loadConsoleDictionary(language.lang).then((dictionary) =>
    render(
      <LanguageProvider initial={language} dictionary={dictionary}>
        <App
          api={httpSessionApi()}
          connect={connectLive}
          inviteToken={inviteTokenOf(location)}
          verifyToken={verifyTokenOf(location)}
          // The link is used up: do not leave its secret in the address bar or history.
          onJoined={() => history.replaceState(null, '', '/console/')}
        />
      </LanguageProvider>,
      root,
    ),
  );
}
