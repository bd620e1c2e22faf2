namespace Remedora;

/// <summary>What was disclosed to whom and why, for the accounting of disclosures.</summary>
/// <param name="Recipient">Who received the information, for example a pharmacy or a public-health agency.</param>
/// <param name="Purpose">Why it was disclosed.</param>
/// <param name="Description">What was disclosed, described without the data itself, for example <c>prescription and allergy list</c>.</param>
public sealed record Disclosure(string Recipient, string Purpose, string Description);
