namespace LocalChaos.Cases;

/// <summary>Which connection of the pipeline a case routes through a fault proxy.</summary>
internal enum ProxyPlace
{
    None,

    /// <summary>The forwarder's connection to the cloud broker (STOMP).</summary>
    Cloud,

    /// <summary>The function's SQS calls (<c>AWS_ENDPOINT_URL_SQS</c>): its dead-letter queue.</summary>
    Sqs,

    /// <summary>The function's DynamoDB calls (<c>AWS_ENDPOINT_URL_DYNAMODB</c>): its idempotency table.</summary>
    DynamoDb,
}
