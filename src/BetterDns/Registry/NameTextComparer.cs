using BetterDns.Zone.Model;

namespace BetterDns.Registry;

/// <summary>
/// Orders names by their presentation text ignoring ASCII case: consistent with
/// <see cref="DomainName.Equals(DomainName)"/>, allocation-free, and cheap enough for a sorted index of
/// 100,000 names that every batch updates (canonical DNS order splits labels on every comparison).
/// </summary>
public sealed class NameTextComparer : IComparer<DomainName>
{
    public static NameTextComparer Instance { get; } = new();

    public int Compare(DomainName x, DomainName y) => StringComparer.OrdinalIgnoreCase.Compare(x.Value, y.Value);
}
