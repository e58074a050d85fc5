import Foundation
import Testing
@testable import PactaCore

@Suite("Puntaje")
struct PuntajeTests {
    @Test("Parses whole numbers, a decimal comma or point, and one or two decimals", arguments: [
        ("65", 6500),
        ("65,01", 6501),
        ("65.01", 6501),
        ("65.5", 6550),
        ("65,5", 6550),
        ("65,05", 6505),
        ("65,50", 6550),
        ("0", 0),
        ("0,01", 1),
        ("100", 10_000),
        ("100,00", 10_000),
        (" 89,99 ", 8999),   // surrounding spaces are ignored
        ("007", 700),
    ])
    func parsea(texto: String, centesimas: Int) throws {
        let p = try #require(Puntaje(texto: texto))
        #expect(p.centesimas == centesimas)
    }

    @Test("Rejects empty text, signs, thousands separators, letters and dangling separators", arguments: [
        "", "   ", "-1", "+1", "1,234", "65,123", "abc", "65,", "65.", ",5", "1.2.3", "1,2,3", "6 5", "1e2",
        "65,a", "١٢", "1234567",
    ])
    func rechaza(texto: String) {
        #expect(Puntaje(texto: texto) == nil)
    }

    @Test("texto writes a decimal comma and always two decimals", arguments: [
        (6501, "65,01"),
        (6550, "65,50"),
        (6500, "65,00"),
        (0, "0,00"),
        (5, "0,05"),
        (10_000, "100,00"),
        (-150, "-1,50"),
        (-5, "-0,05"),
    ])
    func texto(centesimas: Int, esperado: String) {
        let p = Puntaje(centesimas: centesimas)
        #expect(p.texto == esperado)
        #expect(p.description == esperado)
        #expect(p.decimal == esperado.replacingOccurrences(of: ",", with: "."))
    }

    @Test("What texto writes parses back to the same score", arguments: [0, 1, 9, 10, 99, 6500, 6501, 8999, 9000, 10_000])
    func idaYVuelta(centesimas: Int) {
        let p = Puntaje(centesimas: centesimas)
        #expect(Puntaje(texto: p.texto) == p)
        #expect(Puntaje(texto: p.decimal) == p)
    }

    @Test("Whole points are hundreds of hundredths and compare exactly")
    func enteros() {
        #expect(Puntaje(66).centesimas == 6600)
        #expect(Puntaje.cero.centesimas == 0)
        #expect(Puntaje.cien.centesimas == 10_000)
        #expect(Puntaje(centesimas: 6500) < Puntaje(centesimas: 6501))
        #expect(Puntaje(65) == Puntaje(centesimas: 6500))
        #expect(Puntaje(centesimas: 6501).valor == 65.01)
    }

    @Test("Rounding divides half up to the nearest unit", arguments: [
        (1, 2, 1),      // 0,5 → 1
        (3, 2, 2),      // 1,5 → 2
        (5, 4, 1),      // 1,25 → 1
        (7, 4, 2),      // 1,75 → 2
        (100, 3, 33),
        (200, 3, 67),
        (10, 5, 2),
    ])
    func redondear(numerador: Int, denominador: Int, esperado: Int) {
        #expect(Puntaje.redondear(numerador, denominador) == esperado)
    }

    @Test("Decodes from a JSON number or a Spanish or English decimal string", arguments: [
        ("65", 6500),
        ("65.01", 6501),
        ("89.99", 8999),
        ("\"65,01\"", 6501),
        ("\"65.5\"", 6550),
    ])
    func decodifica(json: String, centesimas: Int) throws {
        let p = try JSONDecoder().decode(Puntaje.self, from: Data(json.utf8))
        #expect(p.centesimas == centesimas)
    }

    @Test("Refuses to decode a string that is not a score")
    func decodificaInvalido() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Puntaje.self, from: Data("\"sesenta\"".utf8))
        }
    }

    @Test("Encodes as a JSON number")
    func codifica() throws {
        let data = try JSONEncoder().encode([Puntaje(centesimas: 6550)])
        #expect(String(decoding: data, as: UTF8.self) == "[65.5]")
    }
}

@Suite("Escala")
struct EscalaTests {
    @Test("CNSC 2018 levels at their exact cutoffs", arguments: [
        (0, "no_satisfactorio"),
        (1, "no_satisfactorio"),
        (6500, "no_satisfactorio"),   // ≤ 65 is not satisfactory
        (6501, "satisfactorio"),      // > 65
        (7000, "satisfactorio"),
        (8999, "satisfactorio"),      // < 90
        (9000, "sobresaliente"),      // ≥ 90
        (10_000, "sobresaliente"),
    ])
    func cnsc(centesimas: Int, codigo: String) {
        let n = Escala.cnsc2018.nivel(para: Puntaje(centesimas: centesimas))
        #expect(n.codigo == codigo)
        #expect(n.satisfactorio == (codigo != "no_satisfactorio"))
    }

    @Test("Seed-003 scale levels at their exact cutoffs", arguments: [
        (0, "no_satisfactoria"),
        (6599, "no_satisfactoria"),   // below 66
        (6600, "satisfactoria"),
        (7999, "satisfactoria"),
        (8000, "destacado"),
        (8999, "destacado"),
        (9000, "sobresaliente"),
        (10_000, "sobresaliente"),
    ])
    func semestralGTH(centesimas: Int, codigo: String) {
        let n = Escala.semestralGTH.nivel(para: Puntaje(centesimas: centesimas))
        #expect(n.codigo == codigo)
        #expect(n.satisfactorio == (codigo != "no_satisfactoria"))
    }

    @Test("Each level runs up to the next level's start minus 0,01, the last one up to 100,00", arguments: [
        (Escala.cnsc2018, ["no_satisfactorio": 6500, "satisfactorio": 8999, "sobresaliente": 10_000]),
        (Escala.semestralGTH, ["no_satisfactoria": 6599, "satisfactoria": 7999, "destacado": 8999, "sobresaliente": 10_000]),
    ])
    func hasta(escala: Escala, esperado: [String: Int]) {
        #expect(escala.niveles.count == esperado.count)
        for n in escala.niveles {
            #expect(escala.hasta(n).centesimas == esperado[n.codigo], "\(n.codigo)")
        }
    }

    @Test("The lowest satisfactory score is the first satisfactory level's start")
    func minimoSatisfactorio() {
        #expect(Escala.cnsc2018.minimoSatisfactorio == Puntaje(centesimas: 6501))
        #expect(Escala.semestralGTH.minimoSatisfactorio == Puntaje(66))
    }

    @Test("Levels given out of order are sorted by their start")
    func ordena() {
        let e = Escala(niveles: [
            NivelEscala(codigo: "si", nombre: "Sí", desde: Puntaje(70), satisfactorio: true),
            NivelEscala(codigo: "no", nombre: "No", desde: .cero, satisfactorio: false),
        ])
        #expect(e.niveles.map(\.codigo) == ["no", "si"])
        #expect(e.nivel(para: Puntaje(centesimas: 6999)).codigo == "no")
        #expect(e.nivel(para: Puntaje(70)).codigo == "si")
        #expect(e.validar().isEmpty)
    }

    @Test("A scale decoded out of order is refused by validar and still classifies by the cutoffs")
    func desordenadaDecodificada() {
        var e = Escala.semestralGTH
        e.niveles.reverse()
        #expect(e.validar().contains("Los niveles deben ir de menor a mayor puntaje."))
        #expect(e.nivel(para: Puntaje(centesimas: 6599)).satisfactorio == false)
        #expect(e.nivel(para: Puntaje(66)).satisfactorio == true)
        #expect(e.nivel(para: Puntaje(90)).codigo == Escala.semestralGTH.nivel(para: Puntaje(90)).codigo)
    }

    @Test("The shipped scales are valid", arguments: [Escala.cnsc2018, Escala.semestralGTH])
    func presetsValidos(escala: Escala) {
        #expect(escala.validar() == [])
    }

    private static func n(_ codigo: String, _ desde: Int, _ satisfactorio: Bool, nombre: String? = nil) -> NivelEscala {
        NivelEscala(codigo: codigo, nombre: nombre ?? codigo.capitalized, desde: Puntaje(centesimas: desde),
                    satisfactorio: satisfactorio)
    }

    @Test("validar names what makes a scale unusable", arguments: [
        ([n("no", 0, false), n("si", 7000, true), n("mas", 7000, true)],
         "Dos niveles no pueden empezar en el mismo puntaje."),
        ([n("no", 1000, false), n("si", 7000, true)],
         "El primer nivel debe empezar en 0,00."),
        ([n("bajo", 0, true), n("alto", 7000, true)],
         "La escala necesita niveles satisfactorios y al menos uno no satisfactorio."),
        ([n("bajo", 0, false), n("alto", 7000, false)],
         "La escala necesita niveles satisfactorios y al menos uno no satisfactorio."),
        ([n("si", 0, true), n("no", 7000, false)],
         "Los niveles no satisfactorios deben estar por debajo de los satisfactorios."),
        ([n("no", 0, false), n("si", 6600, true), n("no2", 8000, false)],
         "Los niveles no satisfactorios deben estar por debajo de los satisfactorios."),
        ([n("no", 0, false)],
         "La escala necesita al menos dos niveles."),
        ([n("no", 0, false), n("si", 10_001, true)],
         "Los puntajes de la escala van de 0,00 a 100,00."),
        ([n("no", 0, false), n("si", 7000, true, nombre: "  ")],
         "Cada nivel necesita un nombre."),
        ([n("x", 0, false), n("x", 7000, true)],
         "Los códigos de nivel se repiten."),
    ])
    func invalida(niveles: [NivelEscala], error: String) {
        let errores = Escala(niveles: niveles).validar()
        #expect(errores.contains(error), "\(errores)")
    }
}
