import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { Construct, IConstruct } from 'constructs';

import type { CityConfig } from './config';

/**
 * The city's user pool: residents sign up with their email (verified by a code), strong
 * passwords, optional TOTP, and the `admin` group for city staff. Its app clients are the
 * stack's (the residents' app) and WebHosting's (the staff console).
 */
export function createResidentsPool(scope: Construct, config: CityConfig): cognito.UserPool {
const pool = new cognito.UserPool(scope, 'UserPool', {
    userPoolName: `${Stack.of(scope).stackName}-residents`,
    selfSignUpEnabled: true,
    signInAliases: { email: true },
    autoVerify: { email: true },
    keepOriginal: { email: true },
    standardAttributes: { email: { required: true, mutable: true } },
    passwordPolicy: {
      minLength: 12,
      requireLowercase: true,
      requireUppercase: true,
      requireDigits: true,
      requireSymbols: true,
      tempPasswordValidity: Duration.days(3),
    },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    mfa: cognito.Mfa.OPTIONAL,
    mfaSecondFactor: { sms: false, otp: true },
    featurePlan: cognito.FeaturePlan.ESSENTIALS,
    userVerification: {
      emailSubject: `${config.cityName} : votre code de vérification`.slice(0, 140),
      emailBody: 'Votre code de vérification Cabas est {####}.',
      emailStyle: cognito.VerificationEmailStyle.CODE,
    },
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  acknowledge(pool, {
    id: 'AwsSolutions-COG2',
    reason:
      'Residents only claim small cashbacks; mandatory MFA would keep many of them out. MFA is ' +
      'optional (TOTP) and city staff in the admin group are asked to enable it (docs/deploy.md).',
  });
  acknowledge(pool, {
    id: 'AwsSolutions-COG8',
    reason:
      'The Plus feature plan (threat protection) is billed per monthly active user, which for a ' +
      "city's whole population costs more than the dotation's fraud risk justifies; fraud is " +
      'handled by the receipt rules (duplicate image/receipt, caps, review). A city can switch plans.',
  });
  pool.addGroup('AdminGroup', {
    groupName: 'admin',
    description: 'City staff: merchants, campaigns, receipt review, payouts',
  });
  return pool;
}

function acknowledge(construct: IConstruct, finding: { id: string; reason: string }): void {
  Validations.of(construct.node.defaultChild ?? construct).acknowledge(finding);
}
