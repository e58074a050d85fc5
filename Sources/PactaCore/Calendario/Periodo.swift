/// A closed range of dates `inicio…fin` (both included), e.g. a vigencia or an
/// evaluation period such as 1 Feb – 31 Jan.
public struct Periodo: Hashable, Sendable, Codable {
    public let inicio: Fecha
    public let fin: Fecha

    /// `nil` when `fin` is before `inicio`.
    public init?(inicio: Fecha, fin: Fecha) {
        guard inicio <= fin else { return nil }
        self.inicio = inicio
        self.fin = fin
    }

    /// Whether `f` lies within the period (bounds included).
    public func contiene(_ f: Fecha) -> Bool { inicio <= f && f <= fin }

    /// Calendar days, both ends included.
    public var dias: Int { inicio.dias(hasta: fin) + 1 }

    /// `"01/01/2026 – 31/12/2026"`.
    public var texto: String { "\(inicio.texto) – \(fin.texto)" }

    private enum CodingKeys: String, CodingKey { case inicio, fin }

    /// Decodes `{"inicio": "aaaa-mm-dd", "fin": "aaaa-mm-dd"}`, rejecting `fin < inicio`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let inicio = try c.decode(Fecha.self, forKey: .inicio)
        let fin = try c.decode(Fecha.self, forKey: .fin)
        guard let p = Periodo(inicio: inicio, fin: fin) else {
            throw DecodingError.dataCorruptedError(
                forKey: .fin, in: c, debugDescription: "La fecha final es anterior a la inicial.")
        }
        self = p
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(inicio, forKey: .inicio)
        try c.encode(fin, forKey: .fin)
    }
}

/// The vigencia (fiscal year) of Colombian public entities: the calendar year.
public enum Vigencia {
    /// 1 Jan – 31 Dec of `anio`.
    public static func periodo(_ anio: Int) -> Periodo {
        Periodo(inicio: Fecha(anio, 1, 1), fin: Fecha(anio, 12, 31))!
    }

    /// [1 Jan – 30 Jun, 1 Jul – 31 Dec].
    public static func semestres(_ anio: Int) -> [Periodo] {
        [
            Periodo(inicio: Fecha(anio, 1, 1), fin: Fecha(anio, 6, 30))!,
            Periodo(inicio: Fecha(anio, 7, 1), fin: Fecha(anio, 12, 31))!,
        ]
    }

    /// [Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec].
    public static func trimestres(_ anio: Int) -> [Periodo] {
        [(1, 3, 31), (4, 6, 30), (7, 9, 30), (10, 12, 31)].map { desde, hasta, ultimo in
            Periodo(inicio: Fecha(anio, desde, 1), fin: Fecha(anio, hasta, ultimo))!
        }
    }
}
