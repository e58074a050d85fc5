import Foundation
import Testing
@testable import PactaCore

@Suite("Periodo y Vigencia")
struct PeriodoTests {
    @Test("A period needs fin on or after inicio", arguments: [
        (Fecha(2026, 1, 1), Fecha(2026, 12, 31), true),
        (Fecha(2026, 2, 1), Fecha(2027, 1, 31), true),
        (Fecha(2026, 5, 5), Fecha(2026, 5, 5), true),
        (Fecha(2026, 5, 5), Fecha(2026, 5, 4), false),
        (Fecha(2027, 1, 1), Fecha(2026, 12, 31), false),
    ])
    func validacion(inicio: Fecha, fin: Fecha, valido: Bool) {
        #expect((Periodo(inicio: inicio, fin: fin) != nil) == valido)
    }

    @Test("Contains its bounds and nothing outside them", arguments: [
        (Fecha(2026, 1, 31), false),
        (Fecha(2026, 2, 1), true),
        (Fecha(2026, 8, 15), true),
        (Fecha(2027, 1, 31), true),
        (Fecha(2027, 2, 1), false),
    ])
    func contiene(fecha: Fecha, dentro: Bool) throws {
        let p = try #require(Periodo(inicio: Fecha(2026, 2, 1), fin: Fecha(2027, 1, 31)))
        #expect(p.contiene(fecha) == dentro)
    }

    @Test("Days are counted inclusively and shown as dd/mm/aaaa – dd/mm/aaaa")
    func diasYTexto() throws {
        #expect(Vigencia.periodo(2026).dias == 365)
        #expect(Vigencia.periodo(2024).dias == 366)
        #expect(try #require(Periodo(inicio: Fecha(2026, 5, 5), fin: Fecha(2026, 5, 5))).dias == 1)
        #expect(Vigencia.periodo(2026).texto == "01/01/2026 – 31/12/2026")
    }

    @Test("Vigencia is the calendar year", arguments: [2024, 2025, 2026])
    func vigencia(anio: Int) {
        let v = Vigencia.periodo(anio)
        #expect(v.inicio == Fecha(anio, 1, 1))
        #expect(v.fin == Fecha(anio, 12, 31))
    }

    @Test("Semesters split the year at 30 June", arguments: [2024, 2026])
    func semestres(anio: Int) {
        let s = Vigencia.semestres(anio)
        #expect(s.map(\.inicio) == [Fecha(anio, 1, 1), Fecha(anio, 7, 1)])
        #expect(s.map(\.fin) == [Fecha(anio, 6, 30), Fecha(anio, 12, 31)])
        #expect(s.map(\.dias).reduce(0, +) == Vigencia.periodo(anio).dias)
    }

    @Test("Quarters cover the year without gaps or overlaps", arguments: [2024, 2026])
    func trimestres(anio: Int) {
        let t = Vigencia.trimestres(anio)
        #expect(t.map(\.inicio) == [Fecha(anio, 1, 1), Fecha(anio, 4, 1), Fecha(anio, 7, 1), Fecha(anio, 10, 1)])
        #expect(t.map(\.fin) == [Fecha(anio, 3, 31), Fecha(anio, 6, 30), Fecha(anio, 9, 30), Fecha(anio, 12, 31)])
        for (a, b) in zip(t, t.dropFirst()) {
            #expect(a.fin.sumandoDias(1) == b.inicio)
        }
        #expect(t.map(\.dias).reduce(0, +) == Vigencia.periodo(anio).dias)
    }

    @Test("Codable as inicio/fin ISO strings; an inverted period is rejected")
    func codable() throws {
        let p = try #require(Periodo(inicio: Fecha(2026, 2, 1), fin: Fecha(2027, 1, 31)))
        let datos = try JSONEncoder().encode(p)
        #expect(try JSONDecoder().decode(Periodo.self, from: datos) == p)
        let json = try #require(JSONSerialization.jsonObject(with: datos) as? [String: String])
        #expect(json == ["inicio": "2026-02-01", "fin": "2027-01-31"])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Periodo.self, from: Data(#"{"inicio":"2026-02-01","fin":"2026-01-31"}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Periodo.self, from: Data(#"{"inicio":"01/02/2026","fin":"2026-03-01"}"#.utf8))
        }
    }
}
