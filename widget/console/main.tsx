/** Entry of the agent console, served at /console/. */
import { render } from 'preact';
import { httpSessionApi } from './api';
import { App } from './components/App';
import { connectLive } from './live';
import './console.css';

const root = document.getElementById('app');
if (root) render(<App api={httpSessionApi()} connect={connectLive} />, root);
