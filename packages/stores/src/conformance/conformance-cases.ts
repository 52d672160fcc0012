import { auditCases } from './audit-cases.js';
import type { ConformanceCase } from './conformance-case.js';
import { counterCases } from './counter-cases.js';
import { emailTokenCases } from './email-token-cases.js';
import { identityCases } from './identity-cases.js';
import { passkeyCases } from './passkey-cases.js';
import { refreshChainCases } from './refresh-chain-cases.js';
import { revocationCases } from './revocation-cases.js';
import { sessionCases } from './session-cases.js';
import { signingKeyCases } from './signing-key-cases.js';
import { storeCases } from './store-cases.js';
import { userAdminCases } from './user-admin-cases.js';
import { userCases } from './user-cases.js';
import { secondFactorCases } from './second-factor-cases.js';

/**
 * Every conformance case a `TesseraStore` must pass. Cases use their own random ids, so they can run in any
 * order, against a fresh store each or all against one shared database.
 *
 * @example
 * for (const c of conformanceCases) it(c.name, () => c.run(store));
 */
export const conformanceCases: readonly ConformanceCase[] = [
  ...userCases,
  ...userAdminCases,
  ...sessionCases,
  ...refreshChainCases,
  ...counterCases,
  ...auditCases,
  ...signingKeyCases,
  ...revocationCases,
  ...storeCases,
  ...secondFactorCases,
  ...emailTokenCases,
  ...identityCases,
  ...passkeyCases,
];
