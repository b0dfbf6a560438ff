// Entry of /privacy (privacy.html): the full notice.
import './page.css';
import { startLocalization } from './localization.js';
import './privacy-page.js';

void startLocalization();
