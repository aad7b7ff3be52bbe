namespace Lpr.Core.Plates;

/// <summary>
/// What a plate's Hangul syllable says about the vehicle's use (용도 구분), after the 2018 MOLIT
/// notice's class table (PLATE_SPECS.md §9.2). The syllable sets are on <see cref="PlateVocabulary"/>.
/// </summary>
public enum PlateUsage
{
    /// <summary>Private or other non-commercial use (32 syllables, 가 … 주).</summary>
    Private,

    /// <summary>Commercial transport: taxi, bus, freight for hire (바 사 아 자).</summary>
    Commercial,

    /// <summary>Commercial parcel delivery (배).</summary>
    Delivery,

    /// <summary>Rental business, 대여사업용 (하 허 호).</summary>
    Rental,
}
