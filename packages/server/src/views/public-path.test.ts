import { describe, expect, it } from 'vitest';
import { displayName, withoutAbsolutePaths } from './public-path.js';

describe('public paths', () => {
  it('shows a path by its last segment', () => {
    expect(displayName('/home/ci/estates/prod/')).toBe('prod');
    expect(displayName('/srv/prod.snapshot')).toBe('prod.snapshot');
    expect(displayName('fixtures/estate')).toBe('estate');
  });

  it('cuts every absolute path in a message, and leaves URLs and relative paths alone', () => {
    expect(
      withoutAbsolutePaths(
        'estate not found: /home/ci/estates/prod; cannot read (/opt/impact/dist/x.js); C:\\estates\\prod missing',
      ),
    ).toBe('estate not found: prod; cannot read (x.js); prod missing');
    expect(withoutAbsolutePaths('reads s3://bucket/key.tfstate; a/b.tfstate: not JSON')).toBe(
      'reads s3://bucket/key.tfstate; a/b.tfstate: not JSON',
    );
  });
});
