using CsCheck;
using Lpr.Core.Plates;

namespace Lpr.Core.Tests.Plates;

public class PlateGrammarTests
{
    [Theory]
    [InlineData("12가3456", null, "12", "가", "3456", VehicleType.Passenger, PlateUsage.Private, false, PlateFormat.NationalTwoDigit)]
    [InlineData("01모3121", null, "01", "모", "3121", VehicleType.Passenger, PlateUsage.Private, false, PlateFormat.NationalTwoDigit)]
    [InlineData("123가4567", null, "123", "가", "4567", VehicleType.Passenger, PlateUsage.Private, false, PlateFormat.NationalThreeDigit)]
    [InlineData("서울12바3456", "서울", "12", "바", "3456", VehicleType.Passenger, PlateUsage.Commercial, false, PlateFormat.RegionalTwoDigit)]
    [InlineData("인천86바3430", "인천", "86", "바", "3430", VehicleType.Truck, PlateUsage.Commercial, false, PlateFormat.RegionalTwoDigit)]
    [InlineData("경기80배1234", "경기", "80", "배", "1234", VehicleType.Truck, PlateUsage.Delivery, false, PlateFormat.RegionalTwoDigit)]
    [InlineData("세종70자0001", "세종", "70", "자", "0001", VehicleType.Van, PlateUsage.Commercial, false, PlateFormat.RegionalTwoDigit)]
    [InlineData("서울12가3456", "서울", "12", "가", "3456", VehicleType.Passenger, PlateUsage.Private, true, PlateFormat.RegionalTwoDigit)]
    [InlineData("서울1가2345", "서울", "1", "가", "2345", VehicleType.Passenger, PlateUsage.Private, true, PlateFormat.RegionalOneDigit)]
    [InlineData("부산0사0100", "부산", "0", "사", "0100", VehicleType.Passenger, PlateUsage.Commercial, true, PlateFormat.RegionalOneDigit)]
    [InlineData("45하1000", null, "45", "하", "1000", VehicleType.Passenger, PlateUsage.Rental, false, PlateFormat.NationalTwoDigit)]
    [InlineData("998허0001", null, "998", "허", "0001", VehicleType.Emergency, PlateUsage.Rental, false, PlateFormat.NationalThreeDigit)]
    public void Parses_valid_plates_into_their_parts(
        string text, string? region, string number, string hangul, string serial,
        VehicleType type, PlateUsage usage, bool legacy, PlateFormat format)
    {
        var result = PlateGrammar.Parse(text);
        Assert.True(result.IsValid, result.Error);
        Assert.Equal(new KoreanPlate(text, region, number, hangul, serial, type, usage, legacy, format), result.Plate);
        Assert.Null(result.Error);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("서울12가3456X", "'X'")]
    [InlineData("서울12가34567", "4 digits, got 5")]
    [InlineData("12가345", "4 digits, got 3")]
    [InlineData("12가", "4 digits, got 0")]
    [InlineData("12", "Missing the Hangul")]
    [InlineData("가3456", "Expected the class number")]
    [InlineData("x12가3456", "'x'")]
    [InlineData("12가3456 ", "Whitespace at position 7")]
    [InlineData("12 가3456", "Whitespace at position 2")]
    [InlineData("평양12가3456", "Unknown region '평양'")]
    [InlineData("가나12가3456", "Unknown region '가나'")]
    [InlineData("12김3456", "'김' at position 2 never appears on plates")]
    [InlineData("12가0000", "0000")]
    [InlineData("00가1234", "00 is never issued")]
    [InlineData("서울00바1234", "00 is never issued")]
    [InlineData("012가1234", "starts with 1–9")]
    [InlineData("1가2345", "2- or 3-digit")]
    [InlineData("1234가5678", "2- or 3-digit")]
    [InlineData("서울123가4567", "3-digit classes are national only")]
    [InlineData("12바3456", "appears only on plates with a region")]
    [InlineData("123배4567", "appears only on plates with a region")]
    [InlineData("세종1바2345", "dates from 2012")]
    [InlineData("세종12가3456", "dates from 2012")]
    [InlineData("12가가3456", "Extra '가'")]
    [InlineData("12가3456가", "Extra '가'")]
    [InlineData("12서울3456", "must be at the start")]
    [InlineData("서울서울12바3456", "must be at the start")]
    [InlineData("서울", "Missing the Hangul")]
    public void Rejects_invalid_text_saying_what_is_wrong(string text, string expectedInError)
    {
        var result = PlateGrammar.Parse(text);
        Assert.False(result.IsValid);
        Assert.Null(result.Plate);
        Assert.Contains(expectedInError, result.Error);
    }

    [Theory]
    [InlineData("01", VehicleType.Passenger)]
    [InlineData("69", VehicleType.Passenger)]
    [InlineData("70", VehicleType.Van)]
    [InlineData("79", VehicleType.Van)]
    [InlineData("80", VehicleType.Truck)]
    [InlineData("97", VehicleType.Truck)]
    [InlineData("98", VehicleType.Special)]
    [InlineData("99", VehicleType.Special)]
    [InlineData("100", VehicleType.Passenger)]
    [InlineData("699", VehicleType.Passenger)]
    [InlineData("700", VehicleType.Van)]
    [InlineData("799", VehicleType.Van)]
    [InlineData("800", VehicleType.Truck)]
    [InlineData("979", VehicleType.Truck)]
    [InlineData("980", VehicleType.Special)]
    [InlineData("997", VehicleType.Special)]
    [InlineData("998", VehicleType.Emergency)]
    [InlineData("999", VehicleType.Emergency)]
    public void Vehicle_type_follows_the_range_boundaries(string number, VehicleType expected)
    {
        Assert.Equal(expected, PlateNumbering.VehicleTypeOf(number));
        Assert.Equal(expected, PlateGrammar.Parse($"{number}가1234").Plate?.VehicleType);
    }

    [Theory]
    [InlineData("0", VehicleType.Passenger)]
    [InlineData("4", VehicleType.Passenger)]
    [InlineData("5", VehicleType.Van)]
    [InlineData("6", VehicleType.Van)]
    [InlineData("7", VehicleType.Truck)]
    [InlineData("8", VehicleType.Truck)]
    [InlineData("9", VehicleType.Special)]
    public void One_digit_legacy_classes_have_their_own_ranges(string number, VehicleType expected) =>
        Assert.Equal(expected, PlateGrammar.Parse($"대구{number}다1234").Plate?.VehicleType);

    [Fact]
    public void Usage_follows_the_syllable_classes()
    {
        Assert.All(PlateVocabulary.PrivateHangul, h => Assert.Equal(PlateUsage.Private, PlateGrammar.Parse($"12{h}3456").Plate?.Usage));
        Assert.All(PlateVocabulary.RentalHangul, h => Assert.Equal(PlateUsage.Rental, PlateGrammar.Parse($"123{h}3456").Plate?.Usage));
        Assert.All(PlateVocabulary.CommercialHangul, h => Assert.Equal(PlateUsage.Commercial, PlateGrammar.Parse($"광주12{h}3456").Plate?.Usage));
        Assert.Equal(PlateUsage.Delivery, PlateGrammar.Parse("광주12배3456").Plate?.Usage);
    }

    [Fact]
    public void Decomposed_hangul_is_normalized_before_parsing()
    {
        var decomposed = HangulComposition.Decompose("서울12바3456");
        Assert.Equal(13, decomposed.Length); // 서(2) 울(3) 1 2 바(2) 3 4 5 6
        Assert.Equal("서울12바3456", HangulComposition.Compose(decomposed));
        var result = PlateGrammar.Parse(decomposed);
        Assert.True(result.IsValid, result.Error);
        Assert.Equal("서울12바3456", result.Plate.Text);
        Assert.Equal("서울", result.Plate.Region);
    }

    [Fact]
    public void The_published_regex_mistakes_are_rejected()
    {
        // ^[가-힣]{2}[0-9]{2}[가-힣]{1}[0-9]{4}|^[0-9]{2,3}[가-힣]{1}[0-9]{4}$ accepts all of these.
        Assert.False(PlateGrammar.IsValid("서울12가3456789"));
        Assert.False(PlateGrammar.IsValid("한국12가3456"));
        Assert.False(PlateGrammar.IsValid("서울12힣3456"));
        Assert.False(PlateGrammar.IsValid("12힣3456"));
    }

    [Fact]
    public void Every_generated_plate_is_valid_and_keeps_its_text()
    {
        PlateGens.Valid.Sample(text =>
        {
            var result = PlateGrammar.Parse(text);
            Assert.True(result.IsValid, $"{text}: {result.Error}");
            Assert.Equal(text, result.Plate.Region + result.Plate.Number + result.Plate.Hangul + result.Plate.Serial);
        }, iter: 2000);
    }
}
