/**
 * Attributes that hold secret values whatever the state's own sensitivity marks say:
 * old providers and old Terraform versions did not mark them, and users commit such states.
 * Keys are `<mode>.<type>`; `*` applies to both modes.
 */
const SECRET_ATTRIBUTES: Record<string, readonly string[]> = {
  '*.aws_secretsmanager_secret_version': ['secret_string', 'secret_binary'],
  'data.aws_secretsmanager_secret_versions': ['versions'],
  '*.aws_ssm_parameter': ['value'],
  'data.aws_ssm_parameters_by_path': ['values'],
  '*.aws_db_instance': ['password'],
  '*.aws_rds_cluster': ['master_password'],
  '*.aws_docdb_cluster': ['master_password'],
  '*.aws_redshift_cluster': ['master_password'],
  '*.aws_elasticache_replication_group': ['auth_token'],
  '*.aws_mq_broker': ['user'],
  '*.aws_iam_access_key': [
    'secret',
    'ses_smtp_password_v4',
    'encrypted_secret',
    'encrypted_ses_smtp_password_v4',
  ],
  '*.aws_iam_user_login_profile': ['password', 'encrypted_password'],
  '*.aws_kms_ciphertext': ['plaintext'],
  'data.aws_kms_secrets': ['plaintext'],
  'data.aws_kms_secret': ['plaintext'],
  '*.random_password': ['result', 'bcrypt_hash'],
  '*.random_string': ['result'],
  '*.tls_private_key': ['private_key_pem', 'private_key_openssh', 'private_key_pem_pkcs8'],
  '*.azurerm_key_vault_secret': ['value'],
  '*.google_secret_manager_secret_version': ['secret_data'],
  '*.vault_generic_secret': ['data_json', 'data'],
  '*.github_actions_secret': ['plaintext_value', 'encrypted_value'],
  '*.kubernetes_secret': ['data', 'binary_data'],
  '*.kubernetes_secret_v1': ['data', 'binary_data'],
};

/** Attributes whose value identifies a secret's content (for the shared-value digest). */
export const VALUE_ATTRIBUTES: Record<string, readonly string[]> = {
  aws_secretsmanager_secret_version: ['secret_string', 'secret_binary'],
  aws_ssm_parameter: ['value'],
};

export function secretAttributesOf(mode: 'managed' | 'data', type: string): readonly string[] {
  const any = SECRET_ATTRIBUTES[`*.${type}`] ?? [];
  const exact = SECRET_ATTRIBUTES[`${mode === 'data' ? 'data' : 'managed'}.${type}`] ?? [];
  return exact.length === 0 ? any : [...any, ...exact];
}

/** Attribute names that are secret by their name alone, in any resource type. */
const SECRET_NAME =
  /(^|_)(password|passwd|secret_string|private_key|client_secret|api_key|token|auth_token)$/;

export function isSecretAttributeName(name: string): boolean {
  return SECRET_NAME.test(name) && !name.endsWith('_arn') && !name.endsWith('_id') && !name.endsWith('_name');
}
