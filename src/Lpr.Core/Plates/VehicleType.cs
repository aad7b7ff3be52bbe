namespace Lpr.Core.Plates;

/// <summary>
/// The vehicle class encoded by a plate's leading number (차종 구분). Ranges and sources are
/// documented on <see cref="PlateNumbering"/>.
/// </summary>
public enum VehicleType
{
    /// <summary>승용: passenger car.</summary>
    Passenger,

    /// <summary>승합: van or bus.</summary>
    Van,

    /// <summary>화물: truck.</summary>
    Truck,

    /// <summary>특수: special vehicle (tow truck, wrecker, …).</summary>
    Special,

    /// <summary>긴급: emergency vehicle (3-digit 998–999 only).</summary>
    Emergency,
}
