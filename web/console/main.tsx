import '../shared/zod-without-eval.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import './console.css';
import './context-panel.css';
import './console-dialogs.css';
import './macro-picker.css';
import './tickets-view.css';
import './dashboard.css';
import './improve.css';
import './settings.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
