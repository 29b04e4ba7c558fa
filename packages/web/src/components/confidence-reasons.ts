/** What each confidence of a link (an edge) means: how sure impact is that the consumer uses the producer. */
export const CONFIDENCE_REASONS: Readonly<Record<string, string>> = {
  reference: 'Terraform itself records the dependency (state dependencies, an HCL reference).',
  exact: 'The consumer holds the producer’s full ARN.',
  arn_without_suffix: 'An ARN without the secret’s random suffix: what AWS accepts; it survives a replace.',
  name: 'A name, resolved in the consumer’s own account and region.',
  wildcard: 'An IAM pattern that covers the producer.',
  ambiguous:
    'A name several producers fit, the consumer’s account or region unknown: each is listed, none chosen.',
  guess: 'A resource depends on a remote state and holds none of its outputs: which one it reads is a guess.',
};
