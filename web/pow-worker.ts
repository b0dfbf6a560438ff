// A proof-of-work solver in a worker of our own origin (CSP worker-src 'self'), so the
// page stays responsive while the browser searches for the solution.
import { deriveKey } from 'altcha-lib/algorithms/web/pbkdf2';
import { handler } from 'altcha-lib/workers/shared';

handler({ deriveKey });
