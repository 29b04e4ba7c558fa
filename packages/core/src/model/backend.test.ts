import { describe, expect, it } from 'vitest';
import { backendAddress, normalisePath } from './backend.js';

describe('backendAddress', () => {
  it('gives reader and workspace one canonical form per backend type', () => {
    expect(backendAddress('s3', { bucket: 'b', key: '/platform/secrets.tfstate' })).toBe(
      's3://b/platform/secrets.tfstate',
    );
    expect(
      backendAddress('s3', { bucket: 'b', key: 'r.tfstate', workspace_key_prefix: 'jobs' }, 'nightly'),
    ).toBe('s3://b/jobs/nightly/r.tfstate');
    expect(backendAddress('s3', { bucket: 'b', key: 'r.tfstate' }, 'dev')).toBe('s3://b/env:/dev/r.tfstate');
    expect(backendAddress('s3', { bucket: 'b', key: 'r.tfstate' }, 'default')).toBe('s3://b/r.tfstate');
    expect(backendAddress('gcs', { bucket: 'g', prefix: 'team/app' })).toBe(
      'gcs://g/team/app/default.tfstate',
    );
    expect(backendAddress('gcs', { bucket: 'g', prefix: 'team/app' }, 'prod')).toBe(
      'gcs://g/team/app/prod.tfstate',
    );
    expect(
      backendAddress('azurerm', { storage_account_name: 'sa', container_name: 'c', key: 'k.tfstate' }),
    ).toBe('azurerm://sa/c/k.tfstate');
    expect(
      backendAddress('azurerm', { storage_account_name: 'sa', container_name: 'c', key: 'k.tfstate' }, 'qa'),
    ).toBe('azurerm://sa/c/k.tfstateenv:qa');
    expect(backendAddress('remote', { organization: 'acme', workspaces: { name: 'data-reporting' } })).toBe(
      'remote://acme/data-reporting',
    );
    expect(backendAddress('remote', { organization: 'acme', workspaces: [{ name: 'x' }] })).toBe(
      'remote://acme/x',
    );
    expect(backendAddress('remote', { organization: 'acme', workspaces: { prefix: 'app-' } }, 'prod')).toBe(
      'remote://acme/app-prod',
    );
    expect(backendAddress('cloud', { organization: 'acme', workspaces: { name: 'w' } })).toBe(
      'remote://acme/w',
    );
    expect(backendAddress('local', { path: './a/../b/terraform.tfstate' })).toBe(
      'local://b/terraform.tfstate',
    );
  });

  it('says null when the config is incomplete or the type unknown', () => {
    expect(backendAddress('s3', { bucket: 'b' })).toBeNull();
    expect(backendAddress('remote', { organization: 'acme' })).toBeNull();
    expect(backendAddress('consul', { path: 'x' })).toBeNull();
  });

  it('normalises relative paths', () => {
    expect(normalisePath('app/../platform/./secrets.tfstate')).toBe('platform/secrets.tfstate');
    expect(normalisePath('../x')).toBe('../x');
  });
});
