// Entry of / (index.html): the report flow.
import './page.css';
import { startLocalization } from './localization.js';
import './report-app.js';

void startLocalization();
