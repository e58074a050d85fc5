import Testing
@testable import PactaCore

@Suite("Pendientes de una evaluación")
struct PendientesTests {
    let t = Terminos(definicion: EDL.cnsc, calendario: EDL.cal)
    static let concertacion = Fecha(2026, 2, 20)

    private func calcular(_ estado: EstadoEDL, hoy: Fecha = Fecha(2026, 8, 3),
                          tramos: [(nombre: String, fin: Fecha)] = [],
                          parciales: [(motivo: MotivoParcial, vence: Fecha)] = [],
                          calificada: Fecha? = nil, notificada: Fecha? = nil, interpuesto: Fecha? = nil) -> [Pendiente] {
        let foto = FotoEvaluacion(estado: estado, venceConcertacion: Self.concertacion, tramosPorCalificar: tramos,
                                  parcialesAbiertas: parciales, calificada: calificada, notificada: notificada,
                                  recursoInterpuesto: interpuesto)
        return Pendientes.calcular(foto, terminos: t, hoy: hoy)
    }

    @Test("Who owes what in each state, and by when", arguments: [
        (EstadoEDL.porConcertar, RolEDL.evaluador, concertacion as Fecha?),
        (.porFirmar, .evaluado, concertacion),
        (.porAprobarComision, .comision, nil),
        (.calificada, .talentoHumano, Fecha(2026, 11, 18)),      // notify within 2 días hábiles (16 Nov holiday)
        (.enReposicion, .evaluador, Fecha(2026, 12, 16)),        // 15 días hábiles from 24 Nov, over 8 Dec
        (.enApelacion, .superior, Fecha(2026, 12, 16)),
    ])
    func porEstado(estado: EstadoEDL, rol: RolEDL, vence: Fecha?) {
        let r = calcular(estado, calificada: Fecha(2026, 11, 13), interpuesto: Fecha(2026, 11, 24))
        #expect(r.count == 1)
        #expect(r.first?.rol == rol)
        #expect(r.first?.vence == vence)
        #expect(!(r.first?.tarea.isEmpty ?? true))
    }

    @Test("Nothing is due once en firme or closed", arguments: [EstadoEDL.enFirme, .cerrada])
    func finales(estado: EstadoEDL) {
        #expect(calcular(estado, tramos: [("Primer semestre", Fecha(2026, 7, 31))], calificada: Fecha(2026, 11, 13),
                         notificada: Fecha(2026, 11, 13), interpuesto: Fecha(2026, 11, 24)).isEmpty)
    }

    @Test("After notification the evaluado may file recursos until the término ends; then TH declares it en firme", arguments: [
        (Fecha(2026, 11, 13), RolEDL.evaluado, Fecha(2026, 11, 23) as Fecha?),
        (Fecha(2026, 11, 23), .evaluado, Fecha(2026, 11, 23)),
        (Fecha(2026, 11, 24), .talentoHumano, nil),
        (Fecha(2027, 1, 15), .talentoHumano, nil),
    ])
    func notificada(hoy: Fecha, rol: RolEDL, vence: Fecha?) {
        let r = calcular(.notificada, hoy: hoy, notificada: Fecha(2026, 11, 13))
        #expect(r.map(\.rol) == [rol])
        #expect(r.first?.vence == vence)
        if rol == .talentoHumano { #expect(r.first?.tarea.contains("Declarar en firme") == true) }
    }

    @Test("A notified evaluation without its notification date owes nothing yet")
    func notificadaSinFecha() {
        #expect(calcular(.notificada).isEmpty)
    }

    @Test("A rating not yet notified without its date is due with no deadline")
    func calificadaSinFecha() {
        let r = calcular(.calificada)
        #expect(r.map(\.rol) == [.talentoHumano])
        #expect(r.first?.vence == nil)
    }

    @Test("In seguimiento the evaluador owes the stretches that ended and the open parciales, soonest first")
    func seguimiento() {
        let r = calcular(.enSeguimiento, hoy: Fecha(2026, 8, 3),
                         tramos: [("Primer semestre", Fecha(2026, 7, 31)), ("Segundo semestre", Fecha(2027, 1, 31))],
                         parciales: [(.separacion, Fecha(2026, 9, 1)), (.traslado, Fecha(2026, 8, 10))])
        #expect(r.map(\.vence) == [Fecha(2026, 8, 10), Fecha(2026, 8, 25), Fecha(2026, 9, 1)])
        #expect(r.allSatisfy { $0.rol == .evaluador })
        #expect(r.map(\.tarea) == [
            "Evaluación parcial eventual: traslado",
            "Calificar: primer semestre",
            "Evaluación parcial eventual: separación temporal del empleo de más de 30 días",
        ])
        // the parciales are marked as such: they are due from the stretch's evaluador, not the current one
        #expect(r.map(\.esParcial) == [true, false, true])
    }

    @Test("A stretch is due from its last day on; once its término passes Talento Humano may apply the minimum", arguments: [
        (Fecha(2026, 7, 30), [RolEDL]()),
        (Fecha(2026, 7, 31), [.evaluador]),
        (Fecha(2026, 8, 25), [.evaluador]),                  // the last day of the término
        (Fecha(2026, 8, 26), [.evaluador, .talentoHumano]),  // still owed, and TH may act
    ])
    func tramoVencido(hoy: Fecha, roles: [RolEDL]) {
        let r = calcular(.enSeguimiento, hoy: hoy, tramos: [("Primer semestre", Fecha(2026, 7, 31))])
        #expect(r.map(\.rol) == roles)
        if roles.contains(.talentoHumano) {
            #expect(r.last?.tarea == "Aplicar el mínimo satisfactorio: primer semestre sin calificar a tiempo")
            #expect(r.last?.vence == nil)
        }
    }

    @Test("Seed-003 stretches are due by the end of the second month after they end")
    func tramoGTH() {
        let gth = Terminos(definicion: EDL.gth, calendario: EDL.cal)
        let foto = FotoEvaluacion(estado: .enSeguimiento, venceConcertacion: Fecha(2026, 1, 31),
                                  tramosPorCalificar: [(nombre: "Primer semestre", fin: Fecha(2026, 6, 30))])
        let r = Pendientes.calcular(foto, terminos: gth, hoy: Fecha(2026, 7, 1))
        #expect(r.map(\.vence) == [Fecha(2026, 8, 31)])
    }

    @Test("Nothing is due in seguimiento before any stretch ends")
    func seguimientoSinPendientes() {
        #expect(calcular(.enSeguimiento, hoy: Fecha(2026, 3, 1), tramos: [("Primer semestre", Fecha(2026, 7, 31))]).isEmpty)
    }
}
