namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>
/// What NormalizeText removes when it does not keep diacritics, as ML.NET does: combining marks (in
/// ML.NET's ranges: general, Hebrew and Arabic) are dropped, and letters with diacritics in the Latin,
/// Greek and Cyrillic blocks become their base letter.
/// </summary>
internal static class Diacritics
{
    // Pairs of (letter with diacritics, base letter): every letter from U+00C0 to U+0233, U+0386 to
    // U+03D4 and U+0400 to U+04F9 whose Unicode canonical decomposition is a base letter followed by
    // combining marks (generated once with Python's unicodedata; a table, so no ICU data is needed).
    private const string Pairs =
        "ÀAÁAÂAÃAÄAÅAÇCÈEÉEÊEËEÌIÍIÎIÏIÑNÒOÓOÔOÕOÖOÙUÚUÛUÜUÝYàaáaâaãaäaåaçcèeéeêeëeìiíiîiïiñnòoóoôoõoöoùu" +
        "úuûuüuýyÿyĀAāaĂAăaĄAąaĆCćcĈCĉcĊCċcČCčcĎDďdĒEēeĔEĕeĖEėeĘEęeĚEěeĜGĝgĞGğgĠGġgĢGģgĤHĥhĨIĩiĪIīiĬIĭiĮI" +
        "įiİIĴJĵjĶKķkĹLĺlĻLļlĽLľlŃNńnŅNņnŇNňnŌOōoŎOŏoŐOőoŔRŕrŖRŗrŘRřrŚSśsŜSŝsŞSşsŠSšsŢTţtŤTťtŨUũuŪUūuŬUŭu" +
        "ŮUůuŰUűuŲUųuŴWŵwŶYŷyŸYŹZźzŻZżzŽZžzƠOơoƯUưuǍAǎaǏIǐiǑOǒoǓUǔuǕUǖuǗUǘuǙUǚuǛUǜuǞAǟaǠAǡaǢÆǣæǦGǧgǨKǩkǪO" +
        "ǫoǬOǭoǮƷǯʒǰjǴGǵgǸNǹnǺAǻaǼÆǽæǾØǿøȀAȁaȂAȃaȄEȅeȆEȇeȈIȉiȊIȋiȌOȍoȎOȏoȐRȑrȒRȓrȔUȕuȖUȗuȘSșsȚTțtȞHȟhȦAȧa" +
        "ȨEȩeȪOȫoȬOȭoȮOȯoȰOȱoȲYȳyΆΑΈΕΉΗΊΙΌΟΎΥΏΩΐιΪΙΫΥάαέεήηίιΰυϊιϋυόούυώωϓϒϔϒЀЕЁЕЃГЇІЌКЍИЎУЙИйиѐеёеѓгїіќк" +
        "ѝиўуѶѴѷѵӁЖӂжӐАӑаӒАӓаӖЕӗеӚӘӛәӜЖӝжӞЗӟзӢИӣиӤИӥиӦОӧоӪӨӫөӬЭӭэӮУӯуӰУӱуӲУӳуӴЧӵчӸЫӹы";

    private static readonly Dictionary<char, char> BaseLetters = Enumerable.Range(0, Pairs.Length / 2).ToDictionary(i => Pairs[2 * i], i => Pairs[2 * i + 1]);

    /// <summary>The letter without its diacritics, or the character itself.</summary>
    public static char BaseLetter(char ch) => BaseLetters.TryGetValue(ch, out var letter) ? letter : ch;

    /// <summary>Whether <paramref name="ch"/> is a combining mark NormalizeText drops.</summary>
    public static bool IsCombiningMark(char ch) =>
        ch is >= '\u0300' and <= '\u036F'
            or >= '\u0591' and <= '\u05BD' or '\u05C1' or '\u05C2' or '\u05C4' or '\u05C5' or '\u05C7'
            or >= '\u0610' and <= '\u0615' or >= '\u064C' and <= '\u065E' or '\u0670';
}
