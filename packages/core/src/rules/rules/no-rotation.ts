import { secretIds } from '../consumers.js';
import type { Rule } from '../rule-types.js';

export const noRotation: Rule = {
  id: 'no-rotation',
  title: 'A secret that is never rotated',
  level: 'warn',
  check({ graph, focus }) {
    return secretIds(graph, 'secretsmanager', focus)
      .filter((id) => {
        const s = graph.getNodeAttributes(id).secret;
        return !s?.rotation?.enabled && !s?.managedBy;
      })
      .map((id) => ({
        id,
        message: `${graph.getNodeAttributes(id).name ?? id} has no aws_secretsmanager_secret_rotation; add one with a rotation Lambda (or let the owning service manage it)`,
        evidence: [graph.getNodeAttributes(id).arn ?? id],
      }));
  },
};

export const rotationNotImmediate: Rule = {
  id: 'rotation-not-immediate',
  title: 'Rotation configured without rotate_immediately',
  level: 'info',
  check({ graph, focus }) {
    return secretIds(graph, 'secretsmanager', focus)
      .filter((id) => graph.getNodeAttributes(id).secret?.rotation?.immediately === false)
      .map((id) => ({
        id,
        message: `${graph.getNodeAttributes(id).name ?? id} rotates, but not immediately: a broken rotation Lambda is noticed only at the first scheduled rotation; set rotate_immediately = true`,
        evidence: [graph.getNodeAttributes(id).secret?.rotation?.lambdaArn ?? id],
      }));
  },
};
