/** Entry of the agent console, served at /console/ (and invite links at /console/join#TOKEN). */
import { render } from 'preact';
import { inviteTokenOf } from './accountApi';
import { httpSessionApi } from './api';
import { App } from './components/App';
import { connectLive } from './live';
import './console.css';

const root = document.getElementById('app');
if (root) {
  render(
    <App
      api={httpSessionApi()}
      connect={connectLive}
      inviteToken={inviteTokenOf(location)}
      // The link is used up: do not leave its secret in the address bar or history.
      onJoined={() => history.replaceState(null, '', '/console/')}
    />,
    root,
  );
}
