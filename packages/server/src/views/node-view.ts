import type { NodeAttributes } from '@impact/core';
import type { NodeView } from '../schemas/node-view.js';

/** Picks the listed, value-free facts of a node; the response schema drops anything else again. */
export function nodeView(id: string, a: NodeAttributes): NodeView {
  const secret = a.secret;
  return {
    id,
    kind: a.kind,
    workspace: a.workspace,
    address: a.address,
    label: a.label,
    ...(a.type !== undefined ? { type: a.type } : {}),
    ...(a.arn !== undefined ? { arn: a.arn } : {}),
    ...(a.name !== undefined ? { name: a.name } : {}),
    ...(a.region !== undefined ? { region: a.region } : {}),
    ...(a.account !== undefined ? { account: a.account } : {}),
    ...(a.scopeFrom !== undefined ? { scopeFrom: a.scopeFrom } : {}),
    ...(a.identityRedacted ? { identityRedacted: [...a.identityRedacted] } : {}),
    ...(secret
      ? {
          secret: {
            service: secret.service,
            ...(secret.recoveryWindowDays !== undefined
              ? { recoveryWindowDays: secret.recoveryWindowDays }
              : {}),
            ...(secret.rotation ? { rotation: { ...secret.rotation } } : {}),
            ...(secret.kmsKeyId !== undefined ? { kmsKeyId: secret.kmsKeyId } : {}),
            ...(secret.managedBy !== undefined ? { managedBy: secret.managedBy } : {}),
            ...(secret.replicaRegions ? { replicaRegions: [...secret.replicaRegions] } : {}),
            ...(secret.parameterType !== undefined ? { parameterType: secret.parameterType } : {}),
            ...(secret.valueInState !== undefined ? { valueInState: secret.valueInState } : {}),
            ...(secret.writeOnly !== undefined ? { writeOnly: secret.writeOnly } : {}),
          },
        }
      : {}),
    ...(a.schedule ? { schedule: { ...a.schedule } } : {}),
    ...(a.source ? { source: { file: a.source.file, line: a.source.line } } : {}),
    ...(a.sensitive !== undefined ? { sensitive: a.sensitive } : {}),
    ...(a.valuesInState ? { valuesInState: [...a.valuesInState] } : {}),
    ...(a.hardcodedSecrets ? { hardcodedSecrets: [...a.hardcodedSecrets] } : {}),
    ...(a.backend !== undefined ? { backend: a.backend } : {}),
    ...(a.stateFile !== undefined ? { stateFile: a.stateFile } : {}),
    ...(a.configDir !== undefined ? { configDir: a.configDir } : {}),
  };
}
