import Testing
@testable import PactaCore

// Calendar used below (2026): 1 Feb is a Sunday; 31 Jul and 13 Nov are Fridays; 7 Aug, 17 Aug, 16 Nov
// and 8 Dec are holidays; 23 Mar (San José) and 2–3 Apr (Semana Santa) too.

@Suite("Términos de la EDL")
struct TerminosTests {
    let cnsc = Terminos(definicion: EDL.cnsc, calendario: EDL.cal)
    let gth = Terminos(definicion: EDL.gth, calendario: EDL.cal)

    // MARK: - Deadlines

    @Test("CNSC concertación: 15 días hábiles counting the start day, from the period or a later posesión", arguments: [
        (Fecha(2026, 2, 1), nil, Fecha(2026, 2, 20)),                  // 2–20 Feb, no holidays
        (Fecha(2026, 2, 1), Fecha(2026, 3, 10), Fecha(2026, 3, 31)),   // 10 Mar counts; 23 Mar is a holiday
        (Fecha(2026, 2, 1), Fecha(2025, 12, 1), Fecha(2026, 2, 20)),   // an earlier posesión changes nothing
        (Fecha(2026, 2, 1), Fecha(2026, 2, 1), Fecha(2026, 2, 20)),
        (Fecha(2026, 2, 1), Fecha(2026, 3, 20), Fecha(2026, 4, 14)),   // Fri 20 Mar counts; over 23 Mar, 2–3 Apr
    ] as [(Fecha, Fecha?, Fecha)])
    func concertacionCNSC(inicio: Fecha, posesion: Fecha?, esperado: Fecha) {
        #expect(cnsc.concertacion(inicioPeriodo: inicio, posesion: posesion) == esperado)
    }

    @Test("Seed-003 concertación: within the month of the start or of a later posesión", arguments: [
        (Fecha(2026, 1, 1), nil, Fecha(2026, 1, 31)),
        (Fecha(2026, 7, 1), nil, Fecha(2026, 7, 31)),
        (Fecha(2026, 1, 1), Fecha(2026, 3, 10), Fecha(2026, 3, 31)),
        (Fecha(2026, 1, 1), Fecha(2026, 2, 27), Fecha(2026, 2, 28)),
    ] as [(Fecha, Fecha?, Fecha)])
    func concertacionGTH(inicio: Fecha, posesion: Fecha?, esperado: Fecha) {
        #expect(gth.concertacion(inicioPeriodo: inicio, posesion: posesion) == esperado)
    }

    @Test("Rating deadline after the end of each stretch", arguments: [
        (true, Fecha(2026, 7, 31), Fecha(2026, 8, 25)),    // CNSC: 15 días hábiles over 7 and 17 Aug
        (true, Fecha(2027, 1, 31), Fecha(2027, 2, 19)),
        (false, Fecha(2026, 6, 30), Fecha(2026, 8, 31)),   // seed 003: during August
        (false, Fecha(2026, 12, 31), Fecha(2027, 2, 28)),  // seed 003: during February
    ])
    func calificacion(esCNSC: Bool, fin: Fecha, esperado: Fecha) {
        #expect((esCNSC ? cnsc : gth).calificacion(finTramo: fin) == esperado)
    }

    @Test("A parcial for a change of evaluador is due the last día hábil before the change; others in 10 días hábiles", arguments: [
        (MotivoParcial.cambioDeEvaluador, Fecha(2026, 11, 17), Fecha(2026, 11, 13)),  // Mon 16 is a holiday
        (.cambioDeComision, Fecha(2026, 11, 17), Fecha(2026, 12, 1)),                 // recorded when it happens: 10 días hábiles
        (.cambioDeEvaluador, Fecha(2026, 3, 24), Fecha(2026, 3, 20)),                 // over San José
        (.cambioDeEvaluador, Fecha(2026, 4, 6), Fecha(2026, 4, 1)),                   // over Semana Santa
        (.cambioDeEvaluador, Fecha(2026, 11, 19), Fecha(2026, 11, 18)),
        (.traslado, Fecha(2026, 11, 13), Fecha(2026, 11, 30)),
        (.separacion, Fecha(2026, 11, 13), Fecha(2026, 11, 30)),
        (.traslado, Fecha(2026, 7, 31), Fecha(2026, 8, 18)),                          // over 7 and 17 Aug
    ])
    func parcial(motivo: MotivoParcial, fecha: Fecha, esperado: Fecha) {
        #expect(cnsc.parcial(motivo: motivo, fecha: fecha) == esperado)
        #expect(gth.parcial(motivo: motivo, fecha: fecha) == esperado)
    }

    @Test("Notification, recursos, resolution and fijación deadlines in días hábiles")
    func otrosPlazos() {
        #expect(cnsc.notificacion(calificada: Fecha(2026, 11, 13)) == Fecha(2026, 11, 18))   // 2 días
        #expect(gth.notificacion(calificada: Fecha(2026, 11, 13)) == Fecha(2026, 11, 23))    // 5 días
        #expect(cnsc.recursos(notificada: Fecha(2026, 11, 13)) == Fecha(2026, 11, 23))
        #expect(cnsc.resolucion(interpuesto: Fecha(2026, 11, 24)) == Fecha(2026, 12, 16))    // over 8 Dec
        #expect(cnsc.fijacion(desde: Fecha(2026, 4, 1)) == Fecha(2026, 4, 8))                // over 2–3 Apr
    }

    @Test("An entity's own day off moves the deadlines")
    func diaPropio() {
        let t = Terminos(definicion: EDL.cnsc, calendario: EDL.cal.agregando(diasNoHabiles: [Fecha(2026, 11, 18)]))
        #expect(t.recursos(notificada: Fecha(2026, 11, 13)) == Fecha(2026, 11, 24))
    }

    // MARK: - Checks

    @Test("A recurso is accepted up to the fifth día hábil after notification and refused the day after", arguments: [
        (Fecha(2026, 11, 13), true),
        (Fecha(2026, 11, 16), true),
        (Fecha(2026, 11, 20), true),
        (Fecha(2026, 11, 23), true),    // 17, 18, 19, 20, 23: the last day
        (Fecha(2026, 11, 24), false),
        (Fecha(2026, 12, 1), false),
    ])
    func recurso(hoy: Fecha, aceptado: Bool) {
        for accion in [AccionEDL.interponerReposicion, .interponerApelacion] {
            if aceptado {
                #expect(throws: Never.self) {
                    try cnsc.verificarRecurso(accion, notificada: Fecha(2026, 11, 13), hoy: hoy)
                }
            } else {
                #expect(throws: ErrorFlujoEDL.fueraDeTermino(accion: accion, vencio: Fecha(2026, 11, 23))) {
                    try cnsc.verificarRecurso(accion, notificada: Fecha(2026, 11, 13), hoy: hoy)
                }
            }
        }
    }

    @Test("An evaluation is declared en firme only after the término for recursos", arguments: [
        (Fecha(2026, 11, 13), false),
        (Fecha(2026, 11, 16), false),
        (Fecha(2026, 11, 23), false),
        (Fecha(2026, 11, 24), true),
        (Fecha(2027, 1, 4), true),
    ])
    func enFirme(hoy: Fecha, permitido: Bool) {
        if permitido {
            #expect(throws: Never.self) { try cnsc.verificarEnFirme(notificada: Fecha(2026, 11, 13), hoy: hoy) }
        } else {
            #expect(throws: ErrorFlujoEDL.antesDeTiempo(accion: .declararEnFirme, desde: Fecha(2026, 11, 24))) {
                try cnsc.verificarEnFirme(notificada: Fecha(2026, 11, 13), hoy: hoy)
            }
        }
    }

    @Test("The minimum satisfactory applies only after the evaluador's término", arguments: [
        (true, Fecha(2026, 7, 31), Fecha(2026, 8, 14), Fecha(2026, 8, 26), false),
        (true, Fecha(2026, 7, 31), Fecha(2026, 8, 25), Fecha(2026, 8, 26), false),
        (true, Fecha(2026, 7, 31), Fecha(2026, 8, 26), Fecha(2026, 8, 26), true),
        (false, Fecha(2026, 6, 30), Fecha(2026, 8, 31), Fecha(2026, 9, 1), false),
        (false, Fecha(2026, 6, 30), Fecha(2026, 9, 1), Fecha(2026, 9, 1), true),
    ])
    func minimo(esCNSC: Bool, finTramo: Fecha, hoy: Fecha, desde: Fecha, permitido: Bool) {
        let t = esCNSC ? cnsc : gth
        if permitido {
            #expect(throws: Never.self) { try t.verificarMinimo(finTramo: finTramo, hoy: hoy) }
        } else {
            #expect(throws: ErrorFlujoEDL.antesDeTiempo(accion: .aplicarMinimo, desde: desde)) {
                try t.verificarMinimo(finTramo: finTramo, hoy: hoy)
            }
        }
    }

    @Test("A stretch is rated from its last day on", arguments: [
        (Fecha(2027, 1, 30), false),
        (Fecha(2027, 1, 31), true),
        (Fecha(2027, 2, 19), true),
    ])
    func calificacionDesdeElFin(hoy: Fecha, permitido: Bool) {
        let fin = Fecha(2027, 1, 31)
        if permitido {
            #expect(throws: Never.self) { try cnsc.verificarCalificacion(.calificarDefinitiva, finTramo: fin, hoy: hoy) }
        } else {
            #expect(throws: ErrorFlujoEDL.antesDeTiempo(accion: .calificarParcial, desde: fin)) {
                try cnsc.verificarCalificacion(.calificarParcial, finTramo: fin, hoy: hoy)
            }
        }
    }

    @Test("An extraordinaria needs three months since the last definitive rating, or since the period began", arguments: [
        (Fecha(2026, 2, 15) as Fecha?, Fecha(2026, 5, 14), Fecha(2026, 5, 15), false),
        (Fecha(2026, 2, 15), Fecha(2026, 5, 15), Fecha(2026, 5, 15), true),
        (Fecha(2026, 11, 30), Fecha(2027, 2, 27), Fecha(2027, 2, 28), false),   // clamped to 28 Feb
        (Fecha(2026, 11, 30), Fecha(2027, 2, 28), Fecha(2027, 2, 28), true),
        (nil, Fecha(2026, 4, 30), Fecha(2026, 5, 1), false),                    // from 1 Feb
        (nil, Fecha(2026, 5, 1), Fecha(2026, 5, 1), true),
    ])
    func extraordinaria(ultima: Fecha?, hoy: Fecha, desde: Fecha, permitido: Bool) {
        if permitido {
            #expect(throws: Never.self) {
                try cnsc.verificarExtraordinaria(ultimaDefinitiva: ultima, inicioPeriodo: Fecha(2026, 2, 1), hoy: hoy)
            }
        } else {
            #expect(throws: ErrorFlujoEDL.antesDeTiempo(accion: .calificarExtraordinaria, desde: desde)) {
                try cnsc.verificarExtraordinaria(ultimaDefinitiva: ultima, inicioPeriodo: Fecha(2026, 2, 1), hoy: hoy)
            }
        }
    }

    // MARK: - Calendar months

    @Test("Adding months keeps the day, clamped to the month's last day", arguments: [
        (Fecha(2026, 8, 31), 6, Fecha(2027, 2, 28)),
        (Fecha(2028, 1, 31), 1, Fecha(2028, 2, 29)),
        (Fecha(2024, 2, 29), 12, Fecha(2025, 2, 28)),
        (Fecha(2026, 3, 10), 6, Fecha(2026, 9, 10)),
        (Fecha(2026, 2, 15), 3, Fecha(2026, 5, 15)),
        (Fecha(2026, 11, 30), 3, Fecha(2027, 2, 28)),
        (Fecha(2026, 12, 1), 13, Fecha(2028, 1, 1)),
        (Fecha(2026, 1, 15), 0, Fecha(2026, 1, 15)),
        (Fecha(2026, 3, 31), -1, Fecha(2026, 2, 28)),
        (Fecha(2026, 1, 15), -1, Fecha(2025, 12, 15)),
        (Fecha(2026, 1, 31), -13, Fecha(2024, 12, 31)),
    ])
    func sumandoMeses(desde: Fecha, meses: Int, esperado: Fecha) {
        #expect(desde.sumandoMeses(meses) == esperado)
    }
}

@Suite("Período de prueba")
struct PeriodoDePruebaTests {
    @Test("Six months from posesión, extended by each interruption of more than 20 days", arguments: [
        ([], Fecha(2026, 9, 9)),
        ([EDL.periodo(Fecha(2026, 5, 1), Fecha(2026, 5, 19))], Fecha(2026, 9, 9)),    // 19 days
        ([EDL.periodo(Fecha(2026, 5, 1), Fecha(2026, 5, 20))], Fecha(2026, 9, 9)),    // 20 days: not more than 20
        ([EDL.periodo(Fecha(2026, 5, 1), Fecha(2026, 5, 21))], Fecha(2026, 9, 30)),   // 21 days: +21
        ([EDL.periodo(Fecha(2026, 5, 1), Fecha(2026, 5, 21)),
          EDL.periodo(Fecha(2026, 7, 1), Fecha(2026, 7, 25))], Fecha(2026, 10, 25)),  // +21 +25
        ([EDL.periodo(Fecha(2026, 5, 1), Fecha(2026, 5, 10)),
          EDL.periodo(Fecha(2026, 6, 1), Fecha(2026, 6, 15))], Fecha(2026, 9, 9)),    // short ones never add up
    ] as [([Periodo], Fecha)])
    func fin(interrupciones: [Periodo], esperado: Fecha) {
        #expect(PeriodoDePrueba.fin(posesion: Fecha(2026, 3, 10), interrupciones: interrupciones) == esperado)
    }

    @Test("The length and the interruption threshold come from the definition")
    func configurable() {
        let veinte = [EDL.periodo(Fecha(2026, 5, 1), Fecha(2026, 5, 20))]
        #expect(PeriodoDePrueba.fin(posesion: Fecha(2026, 3, 10), interrupciones: [], meses: 4) == Fecha(2026, 7, 9))
        #expect(PeriodoDePrueba.fin(posesion: Fecha(2026, 3, 10), interrupciones: veinte, diasInterrupcion: 19)
                == Fecha(2026, 9, 29))
    }

    @Test("What follows the rating depends on the result and on a previous carrera")
    func consecuencia() {
        let aprobado = PeriodoDePrueba.consecuencia(satisfactoria: true, veniaDeCarrera: false)
        let regresa = PeriodoDePrueba.consecuencia(satisfactoria: false, veniaDeCarrera: true)
        let retiro = PeriodoDePrueba.consecuencia(satisfactoria: false, veniaDeCarrera: false)
        #expect(aprobado.contains("Registro Público de Carrera"))
        #expect(PeriodoDePrueba.consecuencia(satisfactoria: true, veniaDeCarrera: true).contains("Registro Público de Carrera"))
        #expect(regresa.contains("Regreso al empleo de carrera"))
        #expect(retiro.contains("insubsistente"))
        #expect(Set([aprobado, regresa, retiro]).count == 3)
    }
}

@Suite("Designación de quien califica una parcial")
struct DesignacionEvaluadorTests {
    @Test("Only when the stretch's evaluador left or there was none, and never the evaluado or someone retired", arguments: [
        (DesignacionEvaluador.EvaluadorDelLapso.ninguno, true, false, nil as String?),
        (.retirado, true, false, nil),
        (.activo, true, false, "El evaluador del lapso sigue en la entidad y mantiene la obligación de calificarlo."),
        (.retirado, false, false, "Quien califica debe ser un servidor activo de la entidad."),
        (.ninguno, true, true, "El evaluado no puede calificar su propia evaluación."),
        (.activo, true, true, "El evaluador del lapso sigue en la entidad y mantiene la obligación de calificarlo."),
    ])
    func rechazo(evaluador: DesignacionEvaluador.EvaluadorDelLapso, activo: Bool, esEvaluado: Bool, esperado: String?) {
        #expect(DesignacionEvaluador.rechazo(evaluadorDelLapso: evaluador, designadoActivo: activo, designadoEsEvaluado: esEvaluado) == esperado)
    }
}
