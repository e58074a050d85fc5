import Testing
@testable import PactaCore

/// (peso, cumplimiento) in hundredths.
private func funcionales(_ pares: [(Int, Int)]) -> [Calificacion.Funcional] {
    pares.map { Calificacion.Funcional(peso: EDL.p($0.0), cumplimiento: EDL.p($0.1)) }
}

@Suite("Calificación de un tramo")
struct CalificacionTests {
    @Test("CNSC: funcionales weigh 85 % and comportamental points (of 15) the other 15 %", arguments: [
        // (peso, cumplimiento) pairs, points, expected hundredths
        ([(10_000, 10_000)], 15, 10_000),                     // 85 + 15
        ([(10_000, 8000)], 12, 8000),                         // 68 + 12
        ([(6000, 10_000), (4000, 5000)], 12, 8000),           // funcional 80
        ([(10_000, 10_000)], 4, 8900),                        // 85 + 4
        ([(10_000, 0)], 4, 400),
        ([(10_000, 7000)], 10, 6950),                         // 59,5 + 10
        ([(10_000, 8010)], 10, 7809),                         // 68,085 → 68,09 (half up) + 10
        ([(10_000, 8002)], 10, 7802),                         // 68,017 → 68,02
        ([(5000, 6941), (5000, 6942)], 6, 6500),              // 59,00275 + 6 = 65,00275: rounded once, stays No satisfactorio
        ([(5000, 6942), (5000, 6943)], 6, 6501),              // 59,01125 + 6 = 65,01125 → 65,01
        ([(3333, 7001), (3333, 7002), (3334, 7003)], 9, 6852), // 70,020001 × 0,85 = 59,517 + 9 = 68,517 → 68,52
    ] as [([(Int, Int)], Int, Int)])
    func cnsc(pares: [(Int, Int)], puntos: Int, esperado: Int) {
        let p = Calificacion.puntaje(funcionales: funcionales(pares), puntosComportamentales: puntos, definicion: EDL.cnsc)
        #expect(p.centesimas == esperado, "\(p)")
    }

    @Test("CNSC without comportamental points gives only the funcional 85 %")
    func cnscSinPuntos() {
        let p = Calificacion.puntaje(funcionales: funcionales([(10_000, 10_000)]), puntosComportamentales: nil,
                                     definicion: EDL.cnsc)
        #expect(p == Puntaje(85))
    }

    @Test("A score never goes above 100,00")
    func tope() {
        let p = Calificacion.puntaje(funcionales: funcionales([(10_000, 10_000)]), puntosComportamentales: 20,
                                     definicion: EDL.cnsc)
        #expect(p == .cien)
    }

    @Test("Seed-003: the score is the funcional part alone; comportamental points are ignored", arguments: [
        ([(10_000, 8000)], 12 as Int?, 8000),
        ([(10_000, 8000)], nil, 8000),
        ([(10_000, 10_000)], 15, 10_000),
        ([(5000, 8001), (5000, 8000)], 15, 8001),                 // 80,005 → 80,01 (half up)
        ([(3333, 9000), (3333, 8000), (3334, 7000)], nil, 8000),  // 79,999 → 80,00
        ([(2000, 10_000), (2000, 5000)], nil, 7500),              // weights of a remaining 40 % are normalised
        ([(2500, 9000), (7500, 6000)], nil, 6750),
    ] as [([(Int, Int)], Int?, Int)])
    func gth(pares: [(Int, Int)], puntos: Int?, esperado: Int) {
        let p = Calificacion.puntaje(funcionales: funcionales(pares), puntosComportamentales: puntos, definicion: EDL.gth)
        #expect(p.centesimas == esperado, "\(p)")
    }

    @Test("Without comportamental weight, points are ignored even when the definition keeps a points range")
    func sinPesoConRango() {
        var d = EDL.gth
        d.puntosComportamentales = Rango(4, 15)
        let p = Calificacion.puntaje(funcionales: funcionales([(10_000, 8000)]), puntosComportamentales: 15, definicion: d)
        #expect(p == Puntaje(80))
        #expect(Calificacion.validar(funcionales: funcionales([(10_000, 8000)]), puntosComportamentales: nil,
                                     definicion: d) == [:])
    }

    @Test("The funcional part is the weighted mean of the cumplimientos, half up to the hundredth", arguments: [
        ([(5000, 8001), (5000, 8000)], 8001),
        ([(5000, 8001), (5000, 8002)], 8002),   // 80,015 → 80,02
        ([(9999, 0), (1, 10_000)], 1),          // 0,01 exactly
        ([(3, 1), (1, 0)], 1),                  // 0,0075 → 0,01
        ([(1, 1), (3, 0)], 0),                  // 0,0025 → 0,00
    ] as [([(Int, Int)], Int)])
    func funcional(pares: [(Int, Int)], esperado: Int) {
        #expect(Calificacion.funcional(funcionales(pares)).centesimas == esperado)
    }

    @Test("No compromisos give a funcional part of zero")
    func funcionalVacio() {
        #expect(Calificacion.funcional([]) == .cero)
    }

    @Test("CNSC validar requires comportamental points from 4 to 15", arguments: [
        (nil, false), (0, false), (3, false), (4, true), (10, true), (15, true), (16, false),
    ] as [(Int?, Bool)])
    func puntosCNSC(puntos: Int?, valido: Bool) {
        let e = Calificacion.validar(funcionales: funcionales([(10_000, 9000)]), puntosComportamentales: puntos,
                                     definicion: EDL.cnsc)
        #expect(e.isEmpty == valido)
        if !valido {
            #expect(Set(e.keys) == ["comportamentales"])
            #expect(e["comportamentales"]?.contains("4") == true && e["comportamentales"]?.contains("15") == true)
        }
    }

    @Test("Seed-003 validar does not ask for comportamental points", arguments: [nil, 0, 99] as [Int?])
    func puntosGTH(puntos: Int?) {
        #expect(Calificacion.validar(funcionales: funcionales([(10_000, 9000)]), puntosComportamentales: puntos,
                                     definicion: EDL.gth) == [:])
    }

    @Test("validar refuses no compromisos and cumplimientos outside 0–100")
    func validarFuncionales() {
        #expect(Set(Calificacion.validar(funcionales: [], puntosComportamentales: 10, definicion: EDL.cnsc).keys)
                == ["funcionales"])
        let e = Calificacion.validar(funcionales: funcionales([(5000, 10_001), (3000, 10_000), (2000, -1)]),
                                     puntosComportamentales: 10, definicion: EDL.cnsc)
        #expect(Set(e.keys) == ["cumplimiento[1]", "cumplimiento[3]"])
        let limites = Calificacion.validar(funcionales: funcionales([(5000, 0), (5000, 10_000)]),
                                           puntosComportamentales: 10, definicion: EDL.cnsc)
        #expect(limites == [:])
    }
}

@Suite("Consolidación por días")
struct ConsolidacionTests {
    /// First CNSC semester of 2026: 181 days.
    static let semestre1 = EDL.periodo(Fecha(2026, 2, 1), Fecha(2026, 7, 31))

    @Test("Días laborados subtract only separations of more than 30 days", arguments: [
        ([], 181),
        ([EDL.periodo(Fecha(2026, 3, 1), Fecha(2026, 3, 30))], 181),                   // 30 days: counted as worked
        ([EDL.periodo(Fecha(2026, 3, 1), Fecha(2026, 3, 31))], 150),                   // 31 days
        ([EDL.periodo(Fecha(2026, 2, 1), Fecha(2026, 3, 2)),                           // 30 days: ignored
          EDL.periodo(Fecha(2026, 5, 1), Fecha(2026, 5, 31))], 150),                   // 31 days
        ([EDL.periodo(Fecha(2026, 7, 10), Fecha(2026, 8, 18))], 159),                  // 40 days, 22 inside
        ([EDL.periodo(Fecha(2026, 3, 1), Fecha(2026, 3, 31)),
          EDL.periodo(Fecha(2026, 3, 15), Fecha(2026, 4, 30))], 120),                  // overlap counted once
        ([EDL.periodo(Fecha(2026, 8, 1), Fecha(2026, 12, 31))], 181),                  // outside the stretch
        ([EDL.periodo(Fecha(2026, 1, 1), Fecha(2026, 12, 31))], 0),                    // covers all of it
    ] as [([Periodo], Int)])
    func diasLaborados(separaciones: [Periodo], esperado: Int) {
        #expect(Consolidacion.diasLaborados(Self.semestre1, separaciones: separaciones) == esperado)
    }

    @Test("The minimum length of a separation that counts is configurable")
    func diasMinimosConfigurables() {
        let veinte = [EDL.periodo(Fecha(2026, 3, 1), Fecha(2026, 3, 21))]   // 21 days
        #expect(Consolidacion.diasLaborados(Self.semestre1, separaciones: veinte, diasMinimos: 20) == 160)
        #expect(Consolidacion.diasLaborados(Self.semestre1, separaciones: veinte) == 181)
    }

    @Test("A stretch of 30 días laborados or fewer is carried into the next; 31 or more is rated", arguments: [
        (Fecha(2026, 3, 3), [], DecisionParcial.acumular(dias: 30)),                    // 1 Feb–2 Mar
        (Fecha(2026, 3, 4), [],
         DecisionParcial.abrir(EDL.periodo(Fecha(2026, 2, 1), Fecha(2026, 3, 3)), dias: 31)),
        (Fecha(2026, 2, 2), [], DecisionParcial.acumular(dias: 1)),
        (Fecha(2026, 2, 1), [], DecisionParcial.acumular(dias: 0)),                     // nothing before the cut
        (Fecha(2026, 4, 15), [EDL.periodo(Fecha(2026, 2, 10), Fecha(2026, 3, 31))],
         DecisionParcial.acumular(dias: 23)),                                           // 73 days − 50 away
        (Fecha(2026, 4, 15), [EDL.periodo(Fecha(2026, 2, 10), Fecha(2026, 3, 11))],
         DecisionParcial.abrir(EDL.periodo(Fecha(2026, 2, 1), Fecha(2026, 4, 14)), dias: 73)),  // 30 days away: ignored
    ] as [(Fecha, [Periodo], DecisionParcial)])
    func decidir(corte: Fecha, separaciones: [Periodo], esperado: DecisionParcial) {
        #expect(Consolidacion.decidir(desde: Fecha(2026, 2, 1), corte: corte, separaciones: separaciones) == esperado)
    }

    private static func t(_ dias: Int, _ centesimas: Int) -> TramoCalificado {
        TramoCalificado(periodo: semestre1, dias: dias, puntaje: EDL.p(centesimas))
    }

    @Test("The period's score is the day-weighted mean of its stretches, half up to the hundredth", arguments: [
        ([t(181, 8000), t(184, 9000)], 8504),              // 3 104 000 / 365 = 85,041…
        ([t(184, 8000), t(181, 9000)], 8496),              // 3 101 000 / 365 = 84,958…
        ([t(365, 7777)], 7777),
        ([t(1, 8001), t(1, 8000)], 8001),                  // 80,005 → 80,01
        ([t(31, 7000), t(150, 9000), t(184, 6600)], 7620), // 2 781 400 / 365 = 76,202…
        ([t(100, 6000), t(0, 10_000)], 6000),              // a stretch without days weighs nothing
        ([t(100, 6000), t(-5, 10_000)], 6000),             // negative days count as none
    ] as [([TramoCalificado], Int)])
    func ponderar(tramos: [TramoCalificado], esperado: Int) {
        #expect(Consolidacion.ponderar(tramos)?.centesimas == esperado)
    }

    @Test("Without días laborados there is no score", arguments: [[], [t(0, 9000)], [t(0, 9000), t(-1, 5000)]])
    func ponderarSinDias(tramos: [TramoCalificado]) {
        #expect(Consolidacion.ponderar(tramos) == nil)
    }

    @Test("Each stretch's share is its days over the total, and the shares add up to 100 within rounding", arguments: [
        ([181, 184], [4959, 5041]),
        ([1, 1, 1], [3333, 3333, 3333]),
        ([2, 1], [6667, 3333]),
        ([31, 150, 184], [849, 4110, 5041]),
        ([365], [10_000]),
        ([100, -5], [10_000, 0]),   // negative days count as none
        ([0, 0], [0, 0]),
    ])
    func porcentajes(dias: [Int], esperado: [Int]) {
        let r = Consolidacion.porcentajes(dias.map { Self.t($0, 8000) })
        #expect(r.map(\.centesimas) == esperado)
        if dias.contains(where: { $0 > 0 }) {
            #expect(abs(r.reduce(0) { $0 + $1.centesimas } - 10_000) <= dias.count)
        }
    }

    @Test("A servant is rated in the period only with more than 30 días laborados", arguments: [
        (0, false), (30, false), (31, true), (365, true),
    ])
    func seCalifica(dias: Int, seCalifica: Bool) {
        #expect(Consolidacion.seCalificaEnElPeriodo(diasLaborados: dias) == seCalifica)
    }

    @Test("Situaciones administrativas map to the motive of their parcial", arguments: [
        (TipoSituacion.cambioDeJefe, MotivoParcial.cambioDeEvaluador as MotivoParcial?),
        (.traslado, .traslado),
        (.encargo, .separacion),
        (.licencia, .separacion),
        (.comision, .separacion),
        (.vacaciones, .separacion),
        (.suspension, .separacion),
        (.retiro, nil),
    ])
    func motivo(situacion: TipoSituacion, motivo: MotivoParcial?) {
        #expect(MotivoParcial.para(situacion) == motivo)
    }

    @Test("Only the situaciones of a person are evaluaciones parciales eventuales (F-050)", arguments: [
        (MotivoParcial.cambioDeEvaluador, true), (.cambioDeComision, true), (.traslado, true), (.separacion, true),
        (.finDeTramo, false), (.lapsoFinal, false), (.extraordinaria, false), (.minimoPorOmision, false),
    ])
    func eventual(motivo: MotivoParcial, esEventual: Bool) {
        #expect(motivo.esEventual == esEventual)
    }
}
