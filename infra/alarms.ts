import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

import { capitalize } from './lambda-functions';

/**
 * The alarms that tell the city's operators something needs them, to the alarm topic (raised and
 * cleared): a dead-letter queue that holds a message, a function that failed in the last 5 minutes.
 */
export function addAlarms(
  scope: Construct,
  topic: sns.ITopic,
  watched: { deadLetterQueues: ReadonlyArray<[string, sqs.IQueue, string]>; functions: Record<string, lambda.IFunction> },
): void {
  const stackName = Stack.of(scope).stackName;
const alarmAction = new SnsAction(topic);
  for (const [name, dlq, what] of watched.deadLetterQueues) {
    const alarm = new cloudwatch.Alarm(scope, `${capitalize(name)}DeadLetterQueueAlarm`, {
      alarmName: `${stackName}-${name}-dlq-not-empty`,
      alarmDescription: `The ${name} dead-letter queue holds messages: ${what}. See docs/deploy.md.`,
      metric: dlq.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(alarmAction);
    alarm.addOkAction(alarmAction);
  }
  for (const [name, fn] of Object.entries(watched.functions)) {
    const alarm = new cloudwatch.Alarm(scope, `${capitalize(name)}FunctionErrorsAlarm`, {
      alarmName: `${stackName}-${name}-function-errors`,
      alarmDescription: `The ${name} function failed (threw or timed out) in the last 5 minutes. See docs/deploy.md.`,
      metric: fn.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(alarmAction);
    alarm.addOkAction(alarmAction);
  }
}
