import Testing
@testable import PactaCore

@Suite("Concertación de compromisos")
struct ConcertacionTests {
    private func validar(_ funcionales: [CompromisoPropuesto], comportamentales: [String] = EDL.comunes,
                         nivel: NivelJerarquico = .profesional, enPrueba: Bool = false,
                         definicion: DefinicionEDL = EDL.cnsc, pesoTotal: Puntaje = .cien) -> [String: String] {
        Concertacion.validar(funcionales: funcionales, comportamentales: comportamentales, nivel: nivel,
                             enPrueba: enPrueba, definicion: definicion, pesoTotal: pesoTotal)
    }

    @Test("A complete set of compromisos has no problems")
    func valido() {
        #expect(validar([EDL.compromiso(6000), EDL.compromiso(4000)]) == [:])
    }

    @Test("CNSC: 1 to 5 compromisos laborales, 1 to 3 in período de prueba", arguments: [
        (0, false, false),
        (1, false, true),
        (3, false, true),
        (5, false, true),
        (6, false, false),
        (0, true, false),
        (1, true, true),
        (3, true, true),
        (4, true, false),
        (5, true, false),
    ])
    func cantidad(n: Int, enPrueba: Bool, valido: Bool) {
        let e = validar(EDL.compromisos(n), enPrueba: enPrueba)
        if valido {
            #expect(e == [:])
        } else {
            #expect(Set(e.keys) == ["funcionales"])
            #expect(e["funcionales"]?.contains("hay \(n)") == true)
            #expect(e["funcionales"]?.contains("en período de prueba") == enPrueba)
        }
    }

    @Test("The fixture spreads weights to exactly 100,00", arguments: [1, 2, 3, 5, 6, 7])
    func fixture(n: Int) {
        #expect(EDL.compromisos(n).reduce(0) { $0 + $1.peso.centesimas } == 10_000)
    }

    @Test("An empty verbo, objeto or condición is reported on that field of that compromiso", arguments: [
        ("verbo", "funcionales[2].verbo"),
        ("objeto", "funcionales[2].objeto"),
        ("condicion", "funcionales[2].condicion"),
    ])
    func camposVacios(campo: String, clave: String) {
        for vacio in ["", "   "] {
            let segundo = EDL.compromiso(5000, verbo: campo == "verbo" ? vacio : "Atender",
                                         objeto: campo == "objeto" ? vacio : "las solicitudes",
                                         condicion: campo == "condicion" ? vacio : "en 10 días")
            let e = validar([EDL.compromiso(5000), segundo])
            #expect(Set(e.keys) == [clave], "\(e)")
            #expect(e[clave]?.contains("compromiso 2") == true)
        }
    }

    @Test("Several empty fields are all reported")
    func variosVacios() {
        let e = validar([EDL.compromiso(5000, verbo: "", objeto: "", condicion: ""), EDL.compromiso(5000, objeto: " ")])
        #expect(Set(e.keys) == ["funcionales[1].verbo", "funcionales[1].objeto", "funcionales[1].condicion",
                                "funcionales[2].objeto"])
    }

    @Test("Weights must add up to exactly 100,00", arguments: [
        ([5000, 5000], true),
        ([3333, 3333, 3334], true),
        ([2000, 2000, 2000, 2000, 2000], true),
        ([10_000], true),
        ([5000, 4999], false),   // 99,99
        ([5000, 5001], false),   // 100,01
        ([3333, 3333, 3333], false),
        ([6000, 6000], false),
    ])
    func pesos(pesos: [Int], valido: Bool) {
        let e = validar(pesos.map { EDL.compromiso($0) })
        if valido {
            #expect(e == [:])
        } else {
            #expect(Set(e.keys) == ["pesos"], "\(e)")
            let suma = Puntaje(centesimas: pesos.reduce(0, +)).texto
            #expect(e["pesos"]?.contains("suman \(suma) %") == true)
        }
    }

    @Test("A single weight must lie between 0,01 and 100", arguments: [
        (0, true), (-100, true), (1, false), (10_000, false), (10_001, true),
    ])
    func pesoIndividual(peso: Int, rechazado: Bool) {
        // The second compromiso completes 100,00, so only the first one's weight is judged.
        let e = validar([EDL.compromiso(peso), EDL.compromiso(10_000 - peso)])
        #expect((e["funcionales[1].peso"] != nil) == rechazado, "\(e)")
    }

    @Test("A single compromiso of 100,01 is refused on its weight and on the total")
    func unoDeMas() {
        let e = validar([EDL.compromiso(10_001)])
        #expect(Set(e.keys) == ["funcionales[1].peso", "pesos"])
    }

    @Test("After a traslado the new compromisos cover only the remaining share", arguments: [
        ([2000, 2000], true),
        ([4000], true),
        ([2500, 2000], false),
        ([10_000], false),
        ([1999, 2000], false),
    ])
    func pesoRestante(pesos: [Int], valido: Bool) {
        let e = validar(pesos.map { EDL.compromiso($0) }, pesoTotal: Puntaje(40))
        if valido {
            #expect(e == [:])
        } else {
            #expect(e["pesos"]?.contains("40,00 %") == true, "\(e)")
        }
    }

    @Test("Only traslado and encargo limit the new compromisos to the remaining share", arguments: [
        (MotivoAjuste.traslado, true),
        (.encargoOtroNivel, true),
        (.cambioDePlanes, false),
        (.cambioDeEvaluador, false),
        (.reintegro, false),
    ])
    func motivoAjuste(motivo: MotivoAjuste, soloLoFaltante: Bool) {
        #expect(motivo.cubreSoloLoFaltante == soloLoFaltante)
    }

    @Test("CNSC: 3 to 5 competencias comportamentales", arguments: [
        (0, false), (2, false), (3, true), (4, true), (5, true), (6, false),
    ])
    func cantidadComportamentales(n: Int, valido: Bool) {
        let codigos = ["aprendizaje_continuo", "orientacion_a_resultados", "orientacion_al_usuario",
                       "compromiso_con_la_organizacion", "trabajo_en_equipo", "adaptacion_al_cambio"]
        let e = validar(EDL.compromisos(2), comportamentales: Array(codigos.prefix(n)))
        if valido {
            #expect(e == [:])
        } else {
            #expect(Set(e.keys) == ["comportamentales"])
            #expect(e["comportamentales"]?.contains("hay \(n)") == true)
        }
    }

    @Test("Seed-003: a single competencia comportamental is enough")
    func comportamentalesGTH() {
        #expect(validar(EDL.compromisos(1), comportamentales: ["trabajo_en_equipo"], definicion: EDL.gth) == [:])
        #expect(validar(EDL.compromisos(1), comportamentales: [], definicion: EDL.gth)["comportamentales"] != nil)
    }

    @Test("A repeated competency is refused")
    func repetida() {
        let e = validar(EDL.compromisos(2),
                        comportamentales: ["aprendizaje_continuo", "trabajo_en_equipo", "aprendizaje_continuo"])
        #expect(Set(e.keys) == ["comportamentales"])
        #expect(e["comportamentales"]?.contains("repetida") == true)
    }

    @Test("A competency of another nivel, or unknown, is refused by name", arguments: [
        (NivelJerarquico.profesional, "vision_estrategica", "Visión estratégica"),
        (.asistencial, "aporte_tecnico_profesional", "Aporte técnico-profesional"),
        (.directivo, "colaboracion", "Colaboración"),
        (.tecnico, "confiabilidad_tecnica_asesor", "Confiabilidad técnica"),
        (.asesor, "confiabilidad_tecnica", "Confiabilidad técnica"),
        (.profesional, "inventada", "inventada"),
    ])
    func deOtroNivel(nivel: NivelJerarquico, codigo: String, nombre: String) {
        let e = validar(EDL.compromisos(2), comportamentales: ["aprendizaje_continuo", "trabajo_en_equipo", codigo],
                        nivel: nivel)
        #expect(Set(e.keys) == ["comportamentales"])
        #expect(e["comportamentales"]?.contains("«\(nombre)»") == true, "\(e)")
        #expect(e["comportamentales"]?.contains(nivel.nombre.lowercased()) == true)
    }

    @Test("Competencias comunes are accepted for every nivel", arguments: NivelJerarquico.allCases)
    func comunes(nivel: NivelJerarquico) {
        #expect(validar(EDL.compromisos(2), comportamentales: EDL.comunes, nivel: nivel) == [:])
    }

    @Test("A level's own competencies are accepted for it", arguments: [
        (NivelJerarquico.directivo, ["vision_estrategica", "liderazgo_efectivo", "planeacion"]),
        (.asesor, ["confiabilidad_tecnica_asesor", "creatividad_e_innovacion", "iniciativa"]),
        (.profesional, ["aporte_tecnico_profesional", "comunicacion_efectiva", "gestion_de_procedimientos"]),
        (.tecnico, ["confiabilidad_tecnica", "disciplina", "responsabilidad"]),
        (.asistencial, ["manejo_de_la_informacion", "relaciones_interpersonales", "colaboracion"]),
    ])
    func propiasDelNivel(nivel: NivelJerarquico, codigos: [String]) {
        #expect(validar(EDL.compromisos(2), comportamentales: codigos, nivel: nivel) == [:])
    }

    @Test("A compromiso reads as verbo, objeto and condición, trimmed")
    func texto() {
        let c = EDL.compromiso(10_000, verbo: " Elaborar ", objeto: "el informe", condicion: " ")
        #expect(c.texto == "Elaborar el informe")
    }
}
