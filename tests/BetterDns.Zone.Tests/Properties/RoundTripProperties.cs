using BetterDns.Zone.Parsing;
using BetterDns.Zone.Writing;
using CsCheck;

namespace BetterDns.Zone.Tests.Properties;

public sealed class RoundTripProperties
{
    [Fact]
    public void RandomZonesSurviveTheWriterAndTheParser() =>
        ZoneGen.Zone.Sample(zone =>
        {
            var text = ZoneFileWriter.Write(zone);
            var parsed = ZoneFileParser.Parse(text, zone.Origin);
            Assert.Equal(ZoneFileWriter.Normalize(zone), parsed);
            Assert.Equal(text, ZoneFileWriter.Write(parsed));
        }, iter: 400);

    [Fact]
    public void RandomZonesReadWithCompactRecordsAreTheSameZoneAndWriteTheSameText() =>
        ZoneGen.Zone.Sample(zone =>
        {
            var text = ZoneFileWriter.Write(zone);
            var compact = ZoneFileParser.Parse(text, zone.Origin, new ZoneParserOptions { CompactRecords = true });
            Assert.Equal(ZoneFileWriter.Normalize(zone), compact);
            Assert.Equal(
                ZoneFileWriter.Normalize(zone).Records.Select(r => r.ToString()),
                compact.Records.Select(r => r.ToString()));
            Assert.Equal(text, ZoneFileWriter.Write(compact));
        }, iter: 300);

    [Fact]
    public void NormalizeKeepsEveryRecordAndIsStable() =>
        ZoneGen.Zone.Sample(zone =>
        {
            var normalized = ZoneFileWriter.Normalize(zone);
            Assert.Equal(zone.Records.Length, normalized.Records.Length);
            Assert.Equal(zone.Records.Order(RecordComparer.Instance), normalized.Records.Order(RecordComparer.Instance));
            Assert.Equal(normalized, ZoneFileWriter.Normalize(normalized));
        }, iter: 200);

    /// <summary>Any total order on records, to compare two lists as multisets.</summary>
    private sealed class RecordComparer : IComparer<Model.ResourceRecord>
    {
        public static readonly RecordComparer Instance = new();

        public int Compare(Model.ResourceRecord? x, Model.ResourceRecord? y) =>
            string.CompareOrdinal(x?.ToString(), y?.ToString());
    }
}
