import Foundation

/// A score on the 0–100 scale, kept in hundredths so that boundaries such as 65,00 / 65,01
/// compare exactly (no binary floating point anywhere in a rating).
public struct Puntaje: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The score × 100 (65,01 → 6501).
    public let centesimas: Int

    public init(centesimas: Int) { self.centesimas = centesimas }

    /// A whole number of points (66 → 66,00).
    public init(_ puntos: Int) { self.centesimas = puntos * 100 }

    /// Parses "65", "65,01", "65.01" or "65,5"; at most two decimals, no sign, no thousands separator.
    public init?(texto: String) {
        let t = texto.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        guard !t.isEmpty else { return nil }
        let partes = t.split(separator: ".", omittingEmptySubsequences: false)
        guard partes.count <= 2, let entera = partes.first, !entera.isEmpty, entera.count <= 6,
              entera.allSatisfy({ $0.isASCII && $0.isNumber }), let e = Int(entera) else { return nil }
        var decimales = 0
        if partes.count == 2 {
            let d = partes[1]
            guard !d.isEmpty, d.count <= 2, d.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            decimales = Int(d)! * (d.count == 1 ? 10 : 1)
        }
        self.centesimas = e * 100 + decimales
    }

    public static let cero = Puntaje(centesimas: 0)
    public static let cien = Puntaje(100)

    /// "65,01": the decimal comma people read in Colombia.
    public var texto: String {
        let signo = centesimas < 0 ? "-" : ""
        let a = abs(centesimas)
        let d = a % 100
        return "\(signo)\(a / 100),\(d < 10 ? "0" : "")\(d)"
    }

    /// "65.01" for machines (API, CSV meant for other programs).
    public var decimal: String { texto.replacingOccurrences(of: ",", with: ".") }

    public var description: String { texto }

    /// Value as a Double, for charts and spreadsheets only; never for comparisons.
    public var valor: Double { Double(centesimas) / 100 }

    public static func < (a: Puntaje, b: Puntaje) -> Bool { a.centesimas < b.centesimas }

    /// `numerador / denominador` rounded half up to the nearest unit (for shares in hundredths).
    public static func redondear(_ numerador: Int, _ denominador: Int) -> Int { dividirRedondeando(numerador, denominador) }

    /// `numerador / denominador` rounded half up to the nearest unit (both positive).
    static func dividirRedondeando(_ numerador: Int, _ denominador: Int) -> Int {
        precondition(denominador > 0)
        let q = numerador / denominador, r = numerador % denominador
        return 2 * abs(r) >= denominador ? q + (numerador < 0 ? -1 : 1) : q
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Int.self) { self.centesimas = n * 100; return }
        if let d = try? c.decode(Double.self) {
            self.centesimas = Int((d * 100).rounded())
            return
        }
        let s = try c.decode(String.self)
        guard let p = Puntaje(texto: s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "Puntaje no válido: \(s)")
        }
        self = p
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(valor)
    }
}
