import Foundation

/// A day of the week, numbered ISO 8601 style (Monday = 1 … Sunday = 7).
public enum DiaSemana: Int, Sendable, CaseIterable {
    case lunes = 1, martes, miercoles, jueves, viernes, sabado, domingo

    /// The Spanish name in lower case, as written in a sentence ("miércoles").
    public var nombre: String {
        switch self {
        case .lunes: "lunes"
        case .martes: "martes"
        case .miercoles: "miércoles"
        case .jueves: "jueves"
        case .viernes: "viernes"
        case .sabado: "sábado"
        case .domingo: "domingo"
        }
    }

    /// Saturday and Sunday.
    public var esFinDeSemana: Bool { self == .sabado || self == .domingo }
}

/// A civil date (proleptic Gregorian calendar) with no time and no time zone.
///
/// Arithmetic uses `ordinal` (days since 1970-01-01), computed with Howard Hinnant's
/// `days_from_civil` / `civil_from_days`, so no `Calendar` is involved.
/// Codable as the ISO string `"2026-03-23"`.
public struct Fecha: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let anio: Int
    public let mes: Int
    public let dia: Int

    /// A date from its parts; `nil` when the day does not exist (31 Feb, month 13, …).
    public init?(anio: Int, mes: Int, dia: Int) {
        guard (1...12).contains(mes), dia >= 1, dia <= Fecha.diasDelMes(mes, anio: anio) else { return nil }
        self.anio = anio
        self.mes = mes
        self.dia = dia
    }

    /// Convenience for code and tests with literal dates; traps when the date is invalid.
    public init(_ anio: Int, _ mes: Int, _ dia: Int) {
        guard let f = Fecha(anio: anio, mes: mes, dia: dia) else {
            preconditionFailure("Fecha inválida: \(anio)-\(mes)-\(dia)")
        }
        self = f
    }

    /// Parses exactly `aaaa-mm-dd` ("2026-03-23"); `nil` otherwise.
    public init?(iso: String) {
        let partes = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard partes.count == 3,
              partes[0].utf8.count == 4, partes[1].utf8.count == 2, partes[2].utf8.count == 2,
              let a = Fecha.entero(partes[0]), let m = Fecha.entero(partes[1]), let d = Fecha.entero(partes[2])
        else { return nil }
        self.init(anio: a, mes: m, dia: d)
    }

    /// Parses what a person types: `dd/mm/aaaa` with one- or two-digit day and month
    /// ("23/03/2026", "3/7/2026") or ISO `aaaa-mm-dd`. Surrounding spaces are ignored.
    public init?(texto: String) {
        let t = texto.trimmingCharacters(in: .whitespacesAndNewlines)
        if t.contains("-") {
            self.init(iso: t)
            return
        }
        let partes = t.split(separator: "/", omittingEmptySubsequences: false)
        guard partes.count == 3,
              (1...2).contains(partes[0].utf8.count), (1...2).contains(partes[1].utf8.count),
              partes[2].utf8.count == 4,
              let d = Fecha.entero(partes[0]), let m = Fecha.entero(partes[1]), let a = Fecha.entero(partes[2])
        else { return nil }
        self.init(anio: a, mes: m, dia: d)
    }

    /// `"2026-03-23"`.
    public var iso: String {
        "\(Fecha.relleno(anio, 4))-\(Fecha.relleno(mes, 2))-\(Fecha.relleno(dia, 2))"
    }

    /// `"23/03/2026"` (dd/mm/aaaa, the format shown in the UI).
    public var texto: String {
        "\(Fecha.relleno(dia, 2))/\(Fecha.relleno(mes, 2))/\(Fecha.relleno(anio, 4))"
    }

    public var description: String { iso }

    /// The day of the week.
    public var diaDeLaSemana: DiaSemana {
        // 1970-01-01 was a Thursday (ISO 4).
        DiaSemana(rawValue: Fecha.modulo(ordinal + 3, 7) + 1)!
    }

    /// Days since 1970-01-01 (negative before it).
    public var ordinal: Int {
        let y = mes <= 2 ? anio - 1 : anio
        let era = Fecha.division(y, 400)
        let yoe = y - era * 400                                        // [0, 399]
        let doy = (153 * (mes > 2 ? mes - 3 : mes + 9) + 2) / 5 + dia - 1 // [0, 365]
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy                // [0, 146096]
        return era * 146_097 + doe - 719_468
    }

    /// The date `ordinal` days after 1970-01-01.
    public init(ordinal: Int) {
        let z = ordinal + 719_468
        let era = Fecha.division(z, 146_097)
        let doe = z - era * 146_097                                          // [0, 146096]
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365     // [0, 399]
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)                    // [0, 365]
        let mp = (5 * doy + 2) / 153                                         // [0, 11]
        let d = doy - (153 * mp + 2) / 5 + 1                                 // [1, 31]
        let m = mp < 10 ? mp + 3 : mp - 9                                    // [1, 12]
        self.anio = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.mes = m
        self.dia = d
    }

    /// The date `n` calendar days later (earlier when `n` is negative).
    public func sumandoDias(_ n: Int) -> Fecha { Fecha(ordinal: ordinal + n) }

    /// Calendar days from `self` to `otra` (`otra.ordinal - self.ordinal`).
    public func dias(hasta otra: Fecha) -> Int { otra.ordinal - ordinal }

    /// The civil date of an instant as seen in a time zone.
    public static func desde(_ date: Date, zona: TimeZone) -> Fecha {
        let segundos = date.timeIntervalSince1970 + Double(zona.secondsFromGMT(for: date))
        return Fecha(ordinal: Int((segundos / 86_400).rounded(.down)))
    }

    /// The first instant of this day in a time zone (00:00, or the first existing
    /// instant when a DST change skips midnight).
    public func inicio(zona: TimeZone) -> Date {
        var calendario = Calendar(identifier: .gregorian)
        calendario.timeZone = zona
        let componentes = DateComponents(year: anio, month: mes, day: dia)
        if let date = calendario.date(from: componentes) {
            return calendario.startOfDay(for: date)
        }
        // Fallback (not expected): UTC midnight shifted by the zone's offset then.
        let utc = Date(timeIntervalSince1970: Double(ordinal) * 86_400)
        return utc.addingTimeInterval(-Double(zona.secondsFromGMT(for: utc)))
    }

    /// Colombia's time zone, "America/Bogota" (UTC−5, no DST).
    public static let zonaColombia: TimeZone =
        TimeZone(identifier: "America/Bogota") ?? TimeZone(secondsFromGMT: -5 * 3600)!

    public static func < (a: Fecha, b: Fecha) -> Bool {
        (a.anio, a.mes, a.dia) < (b.anio, b.mes, b.dia)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let f = Fecha(iso: s) else {
            throw DecodingError.dataCorruptedError(
                in: c, debugDescription: "Fecha inválida '\(s)': se espera aaaa-mm-dd.")
        }
        self = f
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }

    // MARK: - Helpers

    /// Whether `anio` is a Gregorian leap year.
    public static func esBisiesto(_ anio: Int) -> Bool {
        (anio % 4 == 0 && anio % 100 != 0) || anio % 400 == 0
    }

    /// Number of days in month `mes` (1–12) of `anio`; 0 for an invalid month.
    public static func diasDelMes(_ mes: Int, anio: Int) -> Int {
        switch mes {
        case 1, 3, 5, 7, 8, 10, 12: 31
        case 4, 6, 9, 11: 30
        case 2: esBisiesto(anio) ? 29 : 28
        default: 0
        }
    }

    /// ASCII digits only (no sign, no other scripts' numerals).
    private static func entero(_ s: Substring) -> Int? {
        guard !s.isEmpty, s.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(s)
    }

    private static func relleno(_ n: Int, _ ancho: Int) -> String {
        let s = String(abs(n))
        let r = s.count < ancho ? String(repeating: "0", count: ancho - s.count) + s : s
        return n < 0 ? "-" + r : r
    }

    /// Floored division and modulo (correct for negative numbers).
    static func division(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    static func modulo(_ a: Int, _ b: Int) -> Int {
        let r = a % b
        return r < 0 ? r + b : r
    }
}
