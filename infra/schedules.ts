import { Duration, TimeZone } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination as LambdaSqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke, type ScheduleTargetBaseProps } from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

import type { CityConfig } from './config';

/** The daily privacy job (retention of receipts' personal data), Europe/Paris: 03:30, outside the busy hours. */
const PRIVACY_SCHEDULE = 'cron(30 3 * * ? *)';

/** The hourly parking sweep (free parking with a purchase: tickets whose wait is over), at 5 past. */
const PARKING_SCHEDULE = 'cron(5 * * * ? *)';

/**
 * The payout function's scheduled jobs (EventBridge Scheduler, Europe/Paris): the payout batch on
 * the city's schedule, the nightly retention of receipts' personal data and the hourly parking sweep. Invocations that
 * cannot be delivered, and runs that fail after Lambda's retries, land in `dlq`.
 */
export function scheduleJobs(scope: Construct, payout: lambda.Function, dlq: sqs.IQueue, config: CityConfig): void {
  // Scheduler invokes Lambda asynchronously: function errors are retried by Lambda, then land in the DLQ.
  payout.configureAsyncInvoke({
    retryAttempts: 2,
    maxEventAge: Duration.hours(6),
    onFailure: new LambdaSqsDestination(dlq),
  });
  new scheduler.Schedule(scope, 'PayoutSchedule', {
    description: `Cabas payout batch (${config.cityName})`.slice(0, 512),
    schedule: scheduler.ScheduleExpression.expression(config.payoutSchedule, TimeZone.EUROPE_PARIS),
    target: new InvokeFunctionTarget(payout, {
      deadLetterQueue: dlq,
      retryAttempts: 10,
      maxEventAge: Duration.hours(6),
      input: scheduler.ScheduleTargetInput.fromObject({
        source: 'cabas.scheduler',
        job: 'payout',
        scheduledTime: scheduler.ContextAttribute.scheduledTime,
        executionId: scheduler.ContextAttribute.executionId,
      }),
    }),
  });
  // The same function erases, every night, the personal data of receipts past the city's
  // retention (receiptPersonalDataRetentionDays; shared/app/privacy.ts). A run that stops for
  // time is simply taken up by the next one.
  new scheduler.Schedule(scope, 'PrivacySchedule', {
    description: `Cabas retention of receipts' personal data (${config.cityName})`.slice(0, 512),
    schedule: scheduler.ScheduleExpression.expression(PRIVACY_SCHEDULE, TimeZone.EUROPE_PARIS),
    target: new InvokeFunctionTarget(payout, {
      deadLetterQueue: dlq,
      retryAttempts: 10,
      maxEventAge: Duration.hours(6),
      input: scheduler.ScheduleTargetInput.fromObject({
        source: 'cabas.scheduler',
        job: 'privacy',
        scheduledTime: scheduler.ContextAttribute.scheduledTime,
        executionId: scheduler.ContextAttribute.executionId,
      }),
    }),
  });
  // Every hour, the parking tickets whose wait for a purchase the same day is over are decided for
  // good: credited when a purchase validates them, else refused (shared/app/parking.ts).
  new scheduler.Schedule(scope, 'ParkingSchedule', {
    description: `Cabas free parking: waiting tickets past their deadline (${config.cityName})`.slice(0, 512),
    schedule: scheduler.ScheduleExpression.expression(PARKING_SCHEDULE, TimeZone.EUROPE_PARIS),
    target: new InvokeFunctionTarget(payout, {
      deadLetterQueue: dlq,
      retryAttempts: 10,
      maxEventAge: Duration.hours(1),
      input: scheduler.ScheduleTargetInput.fromObject({
        source: 'cabas.scheduler',
        job: 'parking',
        scheduledTime: scheduler.ContextAttribute.scheduledTime,
        executionId: scheduler.ContextAttribute.executionId,
      }),
    }),
  });
}

/**
 * LambdaInvoke whose scheduler role may invoke the function itself only (the stock target also
 * grants `<function arn>:*`, every version and alias, which cdk-nag rightly flags).
 */
export class InvokeFunctionTarget extends LambdaInvoke {
  constructor(
    private readonly fn: lambda.IFunction,
    props: ScheduleTargetBaseProps,
  ) {
    super(fn, props);
  }

  protected override addTargetActionToRole(role: iam.IRole): void {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.fn.functionArn] }),
    );
  }
}
