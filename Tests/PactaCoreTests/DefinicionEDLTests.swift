import Testing
@testable import PactaCore

@Suite("DefinicionEDL")
struct DefinicionEDLTests {
    @Test("Both shipped presets are valid definitions", arguments: PresetEDL.allCases)
    func presetsValidos(preset: PresetEDL) {
        #expect(preset.definicion.validar() == [:])
    }

    @Test("Each preset code gives its own definition")
    func presets() {
        #expect(PresetEDL.cnscSistemaTipo2018.definicion == .cnscSistemaTipo2018)
        #expect(PresetEDL.semestralGTH.definicion == .semestralGTH)
        #expect(PresetEDL(rawValue: "cnsc_2018") == .cnscSistemaTipo2018)
        #expect(PresetEDL(rawValue: "semestral_gth") == .semestralGTH)
    }

    @Test("CNSC preset: 85/15 with comisión, 1–5 compromisos (1–3 en prueba), 3–5 comportamentales")
    func cnsc() {
        let d = EDL.cnsc
        #expect(d.pesoFuncional == 85)
        #expect(d.pesoComportamental == 15)
        #expect(d.funcionales == Rango(1, 5))
        #expect(d.funcionalesEnPrueba == Rango(1, 3))
        #expect(d.comportamentales == Rango(3, 5))
        #expect(d.puntosComportamentales == Rango(4, 15))
        #expect(d.escala == .cnsc2018)
        #expect(d.puntajeMinimoSatisfactorio == Puntaje(66))
        #expect(d.requiereComision)
        #expect(!d.semestralEsDefinitiva)
        #expect(d.plazos.concertacion == .diasHabiles(15))
        #expect(d.plazos.calificacion == .diasHabiles(15))
        #expect(d.plazos.recursos == .diasHabiles(5))
        #expect(d.plazos.resolucionRecurso == .diasHabiles(15))
    }

    @Test("Seed-003 preset: comportamentales without weight, no comisión, semesters rated in August and February")
    func gth() {
        let d = EDL.gth
        #expect(d.pesoFuncional == 100)
        #expect(d.pesoComportamental == 0)
        #expect(d.escala == .semestralGTH)
        #expect(!d.requiereComision)
        #expect(d.semestralEsDefinitiva)
        #expect(d.plazos.concertacion == .finDeMes(meses: 0))
        #expect(d.plazos.calificacion == .finDeMes(meses: 2))
        #expect(d.plazos.notificacion == .diasHabiles(5))
    }

    @Test("Format codes come from the entity's table; a missing one is empty", arguments: [
        (FormatoEDL.fijacion, "GTH-F-045"),
        (.seguimiento, "GTH-F-046"),
        (.planDeMejoramiento, "GTH-F-047"),
        (.comportamentales, "GTH-F-048"),
        (.consolidacion, "GTH-F-049"),
        (.parcial, "GTH-F-050"),
        (.extraordinaria, "GTH-F-051"),
    ])
    func formatos(formato: FormatoEDL, codigo: String) {
        #expect(EDL.gth.codigoFormato(formato) == codigo)
        var d = EDL.gth
        d.formatos = [:]
        #expect(d.codigoFormato(formato) == "")
    }

    /// A broken copy of a preset and the field the refusal is keyed on.
    struct Caso: Sendable, CustomTestStringConvertible {
        let nombre: String
        let campo: String
        let cambiar: @Sendable (inout DefinicionEDL) -> Void
        var testDescription: String { nombre }
    }

    @Test("validar refuses a broken definition, keyed by the field", arguments: [
        Caso(nombre: "weights 80 + 15", campo: "pesoFuncional") { $0.pesoFuncional = 80 },
        Caso(nombre: "weights 85 + 20", campo: "pesoFuncional") { $0.pesoComportamental = 20 },
        Caso(nombre: "negative weight", campo: "pesoFuncional") { $0.pesoFuncional = 115; $0.pesoComportamental = -15 },
        Caso(nombre: "no evaluador signature", campo: "firmantes") { $0.firmantes = [.evaluado, .comision] },
        Caso(nombre: "no evaluado signature", campo: "firmantes") { $0.firmantes = [.evaluador] },
        Caso(nombre: "empty name", campo: "nombre") { $0.nombre = "   " },
        Caso(nombre: "no vinculación", campo: "vinculaciones") { $0.vinculaciones = [] },
        Caso(nombre: "no periods", campo: "periodos") { $0.periodos = [] },
        Caso(nombre: "a period without stretches", campo: "periodos") {
            $0.periodos = [PlantillaPeriodo(codigo: "x", nombre: "X", tramos: [])]
        },
        Caso(nombre: "stretches with a gap", campo: "periodos") {
            $0.periodos = [PlantillaPeriodo(codigo: "anual", nombre: "Anual", tramos: [
                PlantillaTramo(nombre: "1", inicio: MesDia(2, 1), fin: MesDia(7, 30)),
                PlantillaTramo(nombre: "2", inicio: MesDia(8, 1), fin: MesDia(1, 31, anioSiguiente: true)),
            ])]
        },
        Caso(nombre: "a stretch ending before it starts", campo: "periodos") {
            $0.periodos = [PlantillaPeriodo(codigo: "x", nombre: "X", tramos: [
                PlantillaTramo(nombre: "1", inicio: MesDia(8, 1), fin: MesDia(7, 31)),
            ])]
        },
        Caso(nombre: "two periods with the same code", campo: "periodos") {
            $0.periodos = [$0.periodos[0], $0.periodos[0]]
        },
        Caso(nombre: "no compromiso funcional required", campo: "funcionales") { $0.funcionales = Rango(0, 5) },
        Caso(nombre: "inverted range", campo: "comportamentales") { $0.comportamentales = Rango(5, 3) },
        Caso(nombre: "comportamental points of maximum 0", campo: "puntosComportamentales") {
            $0.puntosComportamentales = Rango(0, 0)
        },
        Caso(nombre: "an invalid scale", campo: "escala") {
            $0.escala = Escala(niveles: [NivelEscala(codigo: "a", nombre: "A", desde: Puntaje(10), satisfactorio: true),
                                         NivelEscala(codigo: "b", nombre: "B", desde: Puntaje(60), satisfactorio: false)])
        },
        Caso(nombre: "minimum satisfactory at 65,00 on the CNSC scale", campo: "puntajeMinimoSatisfactorio") {
            $0.puntajeMinimoSatisfactorio = Puntaje(65)
        },
        Caso(nombre: "zero months of período de prueba", campo: "plazos") { $0.mesesPeriodoDePrueba = 0 },
    ])
    func invalida(caso: Caso) {
        var d = EDL.cnsc
        caso.cambiar(&d)
        let errores = d.validar()
        #expect(errores[caso.campo] != nil, "\(errores)")
        #expect(!(errores[caso.campo] ?? "").isEmpty)
    }

    @Test("Without comportamental weight the points range is not checked")
    func sinPesoComportamental() {
        var d = EDL.gth
        d.puntosComportamentales = Rango(0, 0)
        #expect(d.validar() == [:])
    }

    @Test("The lowest satisfactory score of the scale is an acceptable minimum", arguments: [6501, 6600, 9000])
    func minimoEnNivelSatisfactorio(centesimas: Int) {
        var d = EDL.cnsc
        d.puntajeMinimoSatisfactorio = Puntaje(centesimas: centesimas)
        #expect(d.validar()["puntajeMinimoSatisfactorio"] == nil)
    }
}

@Suite("PlantillaPeriodo")
struct PlantillaPeriodoTests {
    @Test("CNSC 2026 runs 01/02/2026–31/01/2027 in two semesters")
    func cnsc2026() throws {
        let plantilla = try #require(EDL.cnsc.plantilla("anual"))
        let f = try #require(plantilla.fechas(anio: 2026))
        #expect(f.periodo == EDL.periodo(Fecha(2026, 2, 1), Fecha(2027, 1, 31)))
        #expect(f.periodo.texto == "01/02/2026 – 31/01/2027")
        #expect(f.tramos.map(\.nombre) == ["Primer semestre", "Segundo semestre"])
        #expect(f.tramos.map(\.periodo) == [
            EDL.periodo(Fecha(2026, 2, 1), Fecha(2026, 7, 31)),
            EDL.periodo(Fecha(2026, 8, 1), Fecha(2027, 1, 31)),
        ])
        #expect(f.tramos.map(\.periodo.dias) == [181, 184])
    }

    @Test("Seed-003 semesters are 1 Jan–30 Jun and 1 Jul–31 Dec of the same year", arguments: [
        ("semestre_1", Fecha(2026, 1, 1), Fecha(2026, 6, 30)),
        ("semestre_2", Fecha(2026, 7, 1), Fecha(2026, 12, 31)),
    ])
    func gth(codigo: String, inicio: Fecha, fin: Fecha) throws {
        let f = try #require(EDL.gth.plantilla(codigo)?.fechas(anio: 2026))
        #expect(f.periodo == EDL.periodo(inicio, fin))
        #expect(f.tramos.count == 1)
        #expect(f.tramos[0].periodo == f.periodo)
    }

    @Test("An unknown template code finds nothing")
    func desconocida() {
        #expect(EDL.cnsc.plantilla("semestre_1") == nil)
    }

    @Test("A day that does not exist in the year gives no dates")
    func fechaInexistente() {
        let p = PlantillaPeriodo(codigo: "x", nombre: "X", tramos: [
            PlantillaTramo(nombre: "Hasta el 29 de febrero", inicio: MesDia(1, 1), fin: MesDia(2, 29)),
        ])
        #expect(p.fechas(anio: 2026) == nil)
        #expect(p.fechas(anio: 2028)?.periodo == EDL.periodo(Fecha(2028, 1, 1), Fecha(2028, 2, 29)))
    }

    @Test("MesDia places a date in the next year when marked")
    func mesDia() {
        #expect(MesDia(1, 31, anioSiguiente: true).fecha(anio: 2026) == Fecha(2027, 1, 31))
        #expect(MesDia(1, 31).fecha(anio: 2026) == Fecha(2026, 1, 31))
        #expect(MesDia(4, 31).fecha(anio: 2026) == nil)
    }
}

@Suite("Plazo y Rango")
struct PlazoTests {
    @Test("Plazo.vence counts días hábiles from the day after, over Colombian holidays", arguments: [
        (15, Fecha(2023, 1, 31), Fecha(2023, 2, 21)),   // DOMAIN.md check value
        (5, Fecha(2026, 11, 13), Fecha(2026, 11, 23)),  // Fri; Mon 16 Nov is a holiday
        (2, Fecha(2026, 11, 13), Fecha(2026, 11, 18)),
        (15, Fecha(2026, 7, 31), Fecha(2026, 8, 25)),   // over 7 Aug and 17 Aug
        (15, Fecha(2027, 1, 31), Fecha(2027, 2, 19)),   // February has no holidays
        (3, Fecha(2026, 4, 1), Fecha(2026, 4, 8)),      // over Jueves and Viernes Santo
        (10, Fecha(2026, 11, 13), Fecha(2026, 11, 30)),
    ])
    func diasHabiles(n: Int, desde: Fecha, esperado: Fecha) {
        #expect(Plazo.diasHabiles(n).vence(desde: desde, calendario: EDL.cal) == esperado)
    }

    @Test("Plazo.finDeMes ends on the last day of the month that many months later", arguments: [
        (2, Fecha(2026, 6, 30), Fecha(2026, 8, 31)),
        (2, Fecha(2026, 12, 31), Fecha(2027, 2, 28)),
        (2, Fecha(2027, 12, 31), Fecha(2028, 2, 29)),   // leap year
        (0, Fecha(2026, 1, 1), Fecha(2026, 1, 31)),
        (0, Fecha(2026, 2, 14), Fecha(2026, 2, 28)),
        (0, Fecha(2026, 1, 31), Fecha(2026, 1, 31)),
        (1, Fecha(2026, 12, 15), Fecha(2027, 1, 31)),
        (12, Fecha(2026, 3, 5), Fecha(2027, 3, 31)),
        (13, Fecha(2026, 12, 1), Fecha(2028, 1, 31)),
    ])
    func finDeMes(meses: Int, desde: Fecha, esperado: Fecha) {
        #expect(Plazo.finDeMes(meses: meses).vence(desde: desde, calendario: EDL.cal) == esperado)
    }

    @Test("Plazo.finDeMes ignores holidays and weekends")
    func finDeMesSinHabiles() {
        // 31 Jan 2027 is a Sunday; the plazo still ends that day.
        #expect(Plazo.finDeMes(meses: 0).vence(desde: Fecha(2027, 1, 4), calendario: EDL.cal) == Fecha(2027, 1, 31))
    }

    @Test("Plazo texts read as Spanish sentences", arguments: [
        (Plazo.diasHabiles(1), "1 día hábil"),
        (.diasHabiles(15), "15 días hábiles"),
        (.finDeMes(meses: 0), "hasta el fin del mismo mes"),
        (.finDeMes(meses: 1), "hasta el fin del mes siguiente"),
        (.finDeMes(meses: 2), "hasta el fin del 2.º mes siguiente"),
    ])
    func texto(plazo: Plazo, esperado: String) {
        #expect(plazo.texto == esperado)
    }

    @Test("Rango includes both bounds", arguments: [
        (Rango(1, 5), 0, false), (Rango(1, 5), 1, true), (Rango(1, 5), 5, true), (Rango(1, 5), 6, false),
        (Rango(3, 3), 3, true), (Rango(3, 3), 2, false),
    ])
    func rango(r: Rango, n: Int, contiene: Bool) {
        #expect(r.contiene(n) == contiene)
    }

    @Test("Rango text names one number or both bounds")
    func rangoTexto() {
        #expect(Rango(1, 5).texto == "de 1 a 5")
        #expect(Rango(3, 3).texto == "3")
    }
}

@Suite("Competencias comportamentales")
struct CompetenciasTests {
    @Test("The Decreto 815 catalogue has 6 comunes and the competencies of each level", arguments: [
        (NivelJerarquico.directivo, 7),
        (.asesor, 5),
        (.profesional, 6),
        (.tecnico, 3),
        (.asistencial, 3),
    ])
    func porNivel(nivel: NivelJerarquico, propias: Int) {
        let disponibles = CatalogoCompetencias.disponibles(para: nivel)
        #expect(disponibles.count == 6 + propias)
        #expect(disponibles.filter { $0.nivel == nil }.count == 6)
        #expect(disponibles.allSatisfy { $0.nivel == nil || $0.nivel == nivel })
    }

    @Test("Codes are unique and looked up by code")
    func codigos() {
        let todas = CatalogoCompetencias.decreto815
        #expect(todas.count == 30)
        #expect(Set(todas.map(\.codigo)).count == todas.count)
        #expect(CatalogoCompetencias.competencia("vision_estrategica")?.nivel == .directivo)
        #expect(CatalogoCompetencias.competencia("trabajo_en_equipo")?.nivel == nil)
        #expect(CatalogoCompetencias.competencia("inventada") == nil)
    }
}
