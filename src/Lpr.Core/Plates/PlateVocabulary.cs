using System.Collections.Frozen;

namespace Lpr.Core.Plates;

/// <summary>
/// The characters that appear on South Korean civilian plates, with the facts the grammar needs.
/// Source: MOLIT Notice 2018-529 (자동차 등록번호판 등의 기준에 관한 고시), class table and art. 6,
/// as summarised in PLATE_SPECS.md §9.2 and §9.3. <c>models/labels.txt</c> lists the same tokens in
/// the class order of our models; this class is about meaning, not order.
/// </summary>
public static class PlateVocabulary
{
    /// <summary>Private / non-commercial syllables (32), including government and SOFA vehicles.</summary>
    public static IReadOnlyList<string> PrivateHangul { get; } =
    [
        "가", "나", "다", "라", "마", "거", "너", "더", "러", "머", "버", "서", "어", "저",
        "고", "노", "도", "로", "모", "보", "소", "오", "조", "구", "누", "두", "루", "무", "부", "수", "우", "주",
    ];

    /// <summary>General commercial transport (taxi, bus, freight for hire).</summary>
    public static IReadOnlyList<string> CommercialHangul { get; } = ["바", "사", "아", "자"];

    /// <summary>Commercial parcel delivery.</summary>
    public static IReadOnlyList<string> DeliveryHangul { get; } = ["배"];

    /// <summary>Rental business (대여사업용).</summary>
    public static IReadOnlyList<string> RentalHangul { get; } = ["하", "허", "호"];

    /// <summary>
    /// The 17 region names of art. 6, in the order of labels.txt. 세종 exists only since 2012
    /// (<see cref="IsPre2004Region"/>).
    /// </summary>
    public static IReadOnlyList<string> Regions { get; } =
    [
        "서울", "부산", "대구", "인천", "광주", "대전", "울산", "세종",
        "경기", "강원", "충북", "충남", "전북", "전남", "경북", "경남", "제주",
    ];

    /// <summary>All 40 plate syllables.</summary>
    public static IReadOnlyList<string> AllHangul { get; } =
        [.. PrivateHangul, .. RentalHangul, .. CommercialHangul, .. DeliveryHangul];

    private static readonly FrozenDictionary<string, PlateUsage> UsageBySyllable =
        PrivateHangul.Select(h => KeyValuePair.Create(h, PlateUsage.Private))
            .Concat(CommercialHangul.Select(h => KeyValuePair.Create(h, PlateUsage.Commercial)))
            .Concat(DeliveryHangul.Select(h => KeyValuePair.Create(h, PlateUsage.Delivery)))
            .Concat(RentalHangul.Select(h => KeyValuePair.Create(h, PlateUsage.Rental)))
            .ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> RegionSet = Regions.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The usage class of a plate syllable, or null when the syllable never appears on plates.</summary>
    public static PlateUsage? UsageOf(string syllable) =>
        UsageBySyllable.TryGetValue(syllable, out var usage) ? usage : null;

    public static bool IsRegion(string token) => RegionSet.Contains(token);

    /// <summary>
    /// Whether a region name could appear on the green plates issued before 2004. 세종 became a
    /// city in 2012; the green-plate region lists have the other 16 names (PLATE_SPECS.md §9.3).
    /// </summary>
    public static bool IsPre2004Region(string region) => IsRegion(region) && region != "세종";

    /// <summary>Whether the token is a single ASCII digit.</summary>
    public static bool IsDigit(string token) => token.Length == 1 && char.IsAsciiDigit(token[0]);

    /// <summary>Classifies a label: digit, plate Hangul, region, padding (whitespace/empty) or other.</summary>
    public static PlateTokenCategory Categorize(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (string.IsNullOrWhiteSpace(label))
        {
            return PlateTokenCategory.Padding;
        }

        if (IsDigit(label))
        {
            return PlateTokenCategory.Digit;
        }

        if (UsageBySyllable.ContainsKey(label))
        {
            return PlateTokenCategory.Hangul;
        }

        return IsRegion(label) ? PlateTokenCategory.Region : PlateTokenCategory.Other;
    }
}
