import type { Rule } from './rule-types.js';
import { crossAccountAccess, wildcardAccess } from './rules/access.js';
import { consumerOfMissing, nameReuseBlocked, noCmk, unusedSecret } from './rules/hygiene.js';
import { noRotation, rotationNotImmediate } from './rules/no-rotation.js';
import { recoveryWindowVsSchedule, zeroRecoveryWindow } from './rules/recovery-window.js';
import { secretHardcoded } from './rules/secret-hardcoded.js';
import { secretInState } from './rules/secret-in-state.js';
import { multiConsumer, sharedValue } from './rules/sharing.js';

/** Every rule, by stable id. Each has a doc page docs/rules/<id>.md (a test keeps them in sync). */
export const RULES: readonly Rule[] = [
  secretInState,
  secretHardcoded,
  noRotation,
  rotationNotImmediate,
  zeroRecoveryWindow,
  recoveryWindowVsSchedule,
  sharedValue,
  multiConsumer,
  crossAccountAccess,
  wildcardAccess,
  noCmk,
  unusedSecret,
  nameReuseBlocked,
  consumerOfMissing,
];
