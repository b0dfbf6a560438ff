// Entry of /dashboard (dashboard.html): the public dashboards.
import './page.css';
import { startLocalization } from './localization.js';
import './dashboard/dashboard-app.js';

void startLocalization();
