import Foundation
import Testing
@testable import PactaCore

@Suite("Fecha")
struct FechaTests {
    @Test("Valid and invalid parts are told apart, including leap years", arguments: [
        (2026, 3, 23, true),
        (2024, 2, 29, true),   // leap year
        (2000, 2, 29, true),   // divisible by 400
        (2023, 2, 29, false),  // not leap
        (1900, 2, 29, false),  // divisible by 100, not 400
        (2026, 2, 31, false),
        (2026, 4, 31, false),
        (2026, 13, 1, false),
        (2026, 0, 10, false),
        (2026, 1, 0, false),
        (2026, 12, 31, true),
    ])
    func partesValidas(anio: Int, mes: Int, dia: Int, valida: Bool) {
        #expect((Fecha(anio: anio, mes: mes, dia: dia) != nil) == valida)
    }

    @Test("ISO parsing accepts only aaaa-mm-dd", arguments: [
        ("2026-03-23", Fecha?.some(Fecha(2026, 3, 23))),
        ("2024-02-29", Fecha(2024, 2, 29)),
        ("2023-02-29", nil),
        ("2026-3-23", nil),
        ("26-03-23", nil),
        ("2026/03/23", nil),
        (" 2026-03-23", nil),
        ("2026-03-23T00:00:00Z", nil),
        ("2026-13-01", nil),
        ("+026-03-23", nil),
        ("", nil),
    ])
    func parseIso(entrada: String, esperado: Fecha?) {
        #expect(Fecha(iso: entrada) == esperado)
    }

    @Test("Text parsing accepts dd/mm/aaaa, d/m/aaaa and ISO, trimming spaces", arguments: [
        ("23/03/2026", Fecha?.some(Fecha(2026, 3, 23))),
        ("3/7/2026", Fecha(2026, 7, 3)),
        ("03/7/2026", Fecha(2026, 7, 3)),
        ("  23/03/2026 ", Fecha(2026, 3, 23)),
        ("2026-03-23", Fecha(2026, 3, 23)),
        (" 2026-03-23\n", Fecha(2026, 3, 23)),
        ("29/02/2024", Fecha(2024, 2, 29)),
        ("29/02/2023", nil),
        ("31/04/2026", nil),
        ("23/13/2026", nil),
        ("23/03/26", nil),
        ("123/03/2026", nil),
        ("23-03-2026", nil),
        ("23.03.2026", nil),
        ("23/03", nil),
        ("a/03/2026", nil),
        ("-1/03/2026", nil),
        ("", nil),
        ("hoy", nil),
    ])
    func parseTexto(entrada: String, esperado: Fecha?) {
        #expect(Fecha(texto: entrada) == esperado)
    }

    @Test("Formats as ISO and as dd/mm/aaaa", arguments: [
        (Fecha(2026, 3, 23), "2026-03-23", "23/03/2026"),
        (Fecha(2026, 7, 3), "2026-07-03", "03/07/2026"),
        (Fecha(987, 1, 5), "0987-01-05", "05/01/0987"),
    ])
    func formatos(fecha: Fecha, iso: String, texto: String) {
        #expect(fecha.iso == iso)
        #expect(fecha.texto == texto)
        #expect(fecha.description == iso)
        #expect(Fecha(texto: fecha.texto) == fecha)
        #expect(Fecha(iso: fecha.iso) == fecha)
    }

    @Test("Ordinal counts days from 1970-01-01 and knows the weekday", arguments: [
        (Fecha(1970, 1, 1), 0, DiaSemana.jueves),
        (Fecha(1969, 12, 31), -1, .miercoles),
        (Fecha(2000, 3, 1), 11017, .miercoles),
        (Fecha(1900, 1, 1), -25567, .lunes),
        (Fecha(1, 1, 1), -719_162, .lunes),
        (Fecha(2024, 2, 29), 19782, .jueves),
        (Fecha(2026, 3, 23), 20535, .lunes),
        (Fecha(9999, 12, 31), 2_932_896, .viernes),
    ])
    func ordinal(fecha: Fecha, ordinal: Int, dia: DiaSemana) {
        #expect(fecha.ordinal == ordinal)
        #expect(Fecha(ordinal: ordinal) == fecha)
        #expect(fecha.diaDeLaSemana == dia)
    }

    @Test("Ordinal round-trips and successive ordinals are successive days, over many centuries")
    func ordinalConsecutivo() {
        // Year 0 (1 BC) to about 3065: several 400-year Gregorian cycles.
        var anterior = Fecha(ordinal: -730_000)
        #expect(anterior.ordinal == -730_000)
        for o in -729_999...400_000 {
            let f = Fecha(ordinal: o)
            let esperado: Fecha
            if let d = Fecha(anio: anterior.anio, mes: anterior.mes, dia: anterior.dia + 1) {
                esperado = d
            } else if let m = Fecha(anio: anterior.anio, mes: anterior.mes + 1, dia: 1) {
                esperado = m
            } else {
                esperado = Fecha(anterior.anio + 1, 1, 1)
            }
            guard f == esperado, f.ordinal == o, anterior < f else {
                Issue.record("ordinal \(o): \(f) después de \(anterior)")
                return
            }
            anterior = f
        }
    }

    @Test("Adding days and measuring distance", arguments: [
        (Fecha(2026, 12, 31), 1, Fecha(2027, 1, 1)),
        (Fecha(2024, 2, 28), 1, Fecha(2024, 2, 29)),
        (Fecha(2023, 2, 28), 1, Fecha(2023, 3, 1)),
        (Fecha(2026, 3, 1), -1, Fecha(2026, 2, 28)),
        (Fecha(2026, 1, 1), 365, Fecha(2027, 1, 1)),
        (Fecha(2024, 1, 1), 366, Fecha(2025, 1, 1)),
        (Fecha(2026, 5, 5), 0, Fecha(2026, 5, 5)),
    ])
    func sumandoDias(desde: Fecha, n: Int, esperado: Fecha) {
        #expect(desde.sumandoDias(n) == esperado)
        #expect(desde.dias(hasta: esperado) == n)
        #expect(esperado.dias(hasta: desde) == -n)
    }

    @Test("Ordering follows the calendar")
    func orden() {
        #expect(Fecha(2025, 12, 31) < Fecha(2026, 1, 1))
        #expect(Fecha(2026, 1, 31) < Fecha(2026, 2, 1))
        #expect(Fecha(2026, 2, 1) < Fecha(2026, 2, 2))
        #expect(!(Fecha(2026, 2, 2) < Fecha(2026, 2, 2)))
        #expect([Fecha(2026, 3, 1), Fecha(2025, 12, 1), Fecha(2026, 1, 15)].sorted()
                == [Fecha(2025, 12, 1), Fecha(2026, 1, 15), Fecha(2026, 3, 1)])
    }

    @Test("Weekday names are Spanish with accents")
    func nombresDeDias() {
        #expect(DiaSemana.allCases.map(\.nombre)
                == ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"])
    }

    // MARK: Codable

    struct Envoltorio: Codable, Equatable {
        let fecha: Fecha
    }

    @Test("Encodes as the ISO string and decodes back")
    func codableIdaYVuelta() throws {
        let original = Envoltorio(fecha: Fecha(2026, 3, 23))
        let datos = try JSONEncoder().encode(original)
        #expect(String(decoding: datos, as: UTF8.self) == #"{"fecha":"2026-03-23"}"#)
        #expect(try JSONDecoder().decode(Envoltorio.self, from: datos) == original)
        #expect(try JSONDecoder().decode([Fecha].self, from: Data(#"["2024-02-29","1999-12-31"]"#.utf8))
                == [Fecha(2024, 2, 29), Fecha(1999, 12, 31)])
    }

    @Test("Decoding rejects anything but a valid ISO date string", arguments: [
        #"{"fecha":"23/03/2026"}"#,
        #"{"fecha":"2023-02-29"}"#,
        #"{"fecha":"2026-3-23"}"#,
        #"{"fecha":""}"#,
        #"{"fecha":20535}"#,
        #"{"fecha":{"anio":2026,"mes":3,"dia":23}}"#,
        #"{"fecha":null}"#,
    ])
    func codableRechaza(json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Envoltorio.self, from: Data(json.utf8))
        }
    }

    // MARK: Time zones

    static func instante(_ s: String) -> Date {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: s)!
    }

    @Test("The civil date of an instant depends on the zone", arguments: [
        ("2026-01-01T03:00:00Z", "America/Bogota", Fecha(2025, 12, 31)),
        ("2026-01-01T04:59:59Z", "America/Bogota", Fecha(2025, 12, 31)),
        ("2026-01-01T05:00:00Z", "America/Bogota", Fecha(2026, 1, 1)),
        ("2026-01-01T03:00:00Z", "UTC", Fecha(2026, 1, 1)),
        ("1969-12-31T23:59:59Z", "UTC", Fecha(1969, 12, 31)),
        ("1970-01-01T02:00:00Z", "America/Bogota", Fecha(1969, 12, 31)),
        ("2026-03-23T23:30:00Z", "Asia/Tokyo", Fecha(2026, 3, 24)),
    ])
    func desdeInstante(instante: String, zona: String, esperado: Fecha) throws {
        let tz = try #require(TimeZone(identifier: zona))
        #expect(Fecha.desde(Self.instante(instante), zona: tz) == esperado)
    }

    @Test("Start of day in Bogotá is 05:00 UTC")
    func inicioDelDia() {
        let inicio = Fecha(2026, 3, 23).inicio(zona: Fecha.zonaColombia)
        #expect(inicio == Self.instante("2026-03-23T05:00:00Z"))
        #expect(Fecha.desde(inicio, zona: Fecha.zonaColombia) == Fecha(2026, 3, 23))
        #expect(Fecha.desde(inicio.addingTimeInterval(-1), zona: Fecha.zonaColombia) == Fecha(2026, 3, 22))
    }

    @Test("Colombia's zone is America/Bogota, UTC−5")
    func zonaColombia() {
        #expect(Fecha.zonaColombia.identifier == "America/Bogota")
        #expect(Fecha.zonaColombia.secondsFromGMT(for: Self.instante("2026-07-01T12:00:00Z")) == -5 * 3600)
    }
}
