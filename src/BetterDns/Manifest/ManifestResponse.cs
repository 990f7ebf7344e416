using BetterDns.Records;

namespace BetterDns.Manifest;

/// <summary>
/// GET / as JSON: the zone's origin and SOA serial, the snapshot version, every registration by name,
/// and every record of the zone (operator-written ones too) in canonical one-line form.
/// </summary>
public sealed record ManifestResponse(
    string Origin,
    uint? Serial,
    long Version,
    IReadOnlyList<RecordSetResponse> Names,
    IReadOnlyList<string> Records);
