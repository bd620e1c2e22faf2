namespace Remedora.CarePaths;

/// <summary>Why a fulfillment failed.</summary>
/// <param name="ReasonCode">A PHI-free code, for example <c>out-of-stock</c> or <c>address-undeliverable</c>.</param>
public sealed record FulfillmentFailure(string ReasonCode);
