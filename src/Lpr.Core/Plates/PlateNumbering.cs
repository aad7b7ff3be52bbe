namespace Lpr.Core.Plates;

/// <summary>
/// Vehicle type from the leading number (차종 구분), per era. Sources (PLATE_SPECS.md §9.1):
/// <list type="bullet">
/// <item>2 digits, 1996 – now (MOLIT Notice 2018-529): 01–69 passenger, 70–79 van/bus, 80–97 truck, 98–99 special.
/// 00 is never issued.</item>
/// <item>3 digits, Sep 2019 – now: 100–699 passenger (the notice); 700–799 van, 800–979 truck, 980–997 special,
/// 998–999 emergency (later extension, press sources; emergency codes seen from 2021).</item>
/// <item>1 digit, 1973–1995 (press sources, low authority): 0–4 passenger (0 = imports, special cases),
/// 5–6 van/bus, 7–8 truck, 9 special.</item>
/// </list>
/// </summary>
public static class PlateNumbering
{
    /// <summary>The vehicle type of a 1-, 2- or 3-digit leading number written as on the plate.</summary>
    /// <exception cref="ArgumentException">The number is not 1–3 ASCII digits, or is 00 / starts a 3-digit number with 0.</exception>
    public static VehicleType VehicleTypeOf(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        if (number.Length is < 1 or > 3 || !number.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"A plate class number has 1 to 3 digits, got '{number}'.", nameof(number));
        }

        var value = int.Parse(number, System.Globalization.CultureInfo.InvariantCulture);
        return number.Length switch
        {
            1 => value switch
            {
                <= 4 => VehicleType.Passenger,
                <= 6 => VehicleType.Van,
                <= 8 => VehicleType.Truck,
                _ => VehicleType.Special,
            },
            2 => value switch
            {
                0 => throw new ArgumentException("The 2-digit class number 00 is never issued.", nameof(number)),
                <= 69 => VehicleType.Passenger,
                <= 79 => VehicleType.Van,
                <= 97 => VehicleType.Truck,
                _ => VehicleType.Special,
            },
            _ => value switch
            {
                < 100 => throw new ArgumentException($"A 3-digit class number starts with 1–9, got '{number}'.", nameof(number)),
                <= 699 => VehicleType.Passenger,
                <= 799 => VehicleType.Van,
                <= 979 => VehicleType.Truck,
                <= 997 => VehicleType.Special,
                _ => VehicleType.Emergency,
            },
        };
    }
}
