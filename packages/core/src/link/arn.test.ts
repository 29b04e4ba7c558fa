import { describe, expect, it } from 'vitest';
import { arnField, parseArn } from './arn.js';

describe('arnField', () => {
  it('reads the same fields as parseArn, without splitting', () => {
    for (const arn of [
      'arn:aws:secretsmanager:eu-west-1:111111111111:secret:prod/db-AbC123',
      'arn:aws:iam::111111111111:role/x',
      'arn:aws-us-gov:s3:::bucket/key:with:colons',
      'arn:aws:ssm:us-east-1:222222222222:parameter/a/b',
    ]) {
      const parsed = parseArn(arn);
      expect([arnField(arn, 1), arnField(arn, 2), arnField(arn, 3), arnField(arn, 4)]).toEqual([
        parsed?.partition,
        parsed?.service,
        parsed?.region,
        parsed?.account,
      ]);
    }
  });

  it('gives nothing for what is not an ARN or is cut short', () => {
    expect(arnField('prod/db', 3)).toBe('');
    expect(arnField('arn:aws:s3', 3)).toBe('');
    expect(arnField('arn:aws:s3:eu-west-1', 4)).toBe('');
  });
});
