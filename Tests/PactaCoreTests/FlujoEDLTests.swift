import Testing
@testable import PactaCore

@Suite("Flujo de la EDL")
struct FlujoEDLTests {
    /// Every permitted (estado, rol, acción) and where it leads with no options set, written by hand.
    static let permitidas: [(EstadoEDL, RolEDL, AccionEDL, EstadoEDL)] = [
        (.porConcertar, .evaluador, .guardarCompromisos, .porConcertar),
        (.porConcertar, .evaluado, .guardarCompromisos, .porConcertar),
        (.porConcertar, .evaluador, .enviarAFirma, .porFirmar),
        (.porFirmar, .evaluado, .firmar, .enSeguimiento),
        (.porFirmar, .evaluado, .devolver, .porConcertar),
        (.porFirmar, .evaluador, .devolver, .porConcertar),
        (.porFirmar, .evaluador, .fijarConTestigo, .enSeguimiento),
        (.porConcertar, .evaluador, .fijarSinAcuerdo, .enSeguimiento),
        (.porFirmar, .evaluador, .fijarSinAcuerdo, .enSeguimiento),
        (.enSeguimiento, .evaluador, .ajustarCompromisos, .porConcertar),
        (.porConcertar, .evaluador, .registrarSeguimiento, .porConcertar),
        (.porConcertar, .evaluado, .registrarSeguimiento, .porConcertar),
        (.porFirmar, .evaluador, .registrarSeguimiento, .porFirmar),
        (.porFirmar, .evaluado, .registrarSeguimiento, .porFirmar),
        (.enSeguimiento, .evaluador, .registrarSeguimiento, .enSeguimiento),
        (.enSeguimiento, .evaluado, .registrarSeguimiento, .enSeguimiento),
        (.enSeguimiento, .evaluador, .calificarParcial, .enSeguimiento),
        (.enSeguimiento, .talentoHumano, .aplicarMinimo, .enSeguimiento),
        (.enSeguimiento, .evaluador, .calificarDefinitiva, .calificada),
        (.enSeguimiento, .evaluador, .calificarExtraordinaria, .calificada),
        (.porAprobarComision, .comision, .aprobarComision, .calificada),
        (.porAprobarComision, .comision, .devolverComision, .enSeguimiento),
        (.calificada, .talentoHumano, .notificar, .notificada),
        (.calificada, .evaluador, .notificar, .notificada),
        (.notificada, .evaluado, .interponerReposicion, .enReposicion),
        (.notificada, .evaluado, .interponerApelacion, .enApelacion),
        (.notificada, .evaluado, .renunciarARecursos, .enFirme),
        (.notificada, .talentoHumano, .interponerReposicion, .enReposicion),
        (.notificada, .talentoHumano, .interponerApelacion, .enApelacion),
        (.notificada, .talentoHumano, .renunciarARecursos, .enFirme),
        (.enReposicion, .evaluador, .resolverReposicion, .enFirme),
        (.enApelacion, .superior, .resolverApelacion, .enFirme),
        (.notificada, .talentoHumano, .declararEnFirme, .enFirme),
        (.porConcertar, .talentoHumano, .cerrar, .cerrada),
        (.porFirmar, .talentoHumano, .cerrar, .cerrada),
        (.enSeguimiento, .talentoHumano, .cerrar, .cerrada),
    ]

    @Test("Each permitted action leads to its state", arguments: permitidas)
    func permitida(estado: EstadoEDL, rol: RolEDL, accion: AccionEDL, hacia: EstadoEDL) throws {
        #expect(try FlujoEDL.transicion(desde: estado, rol: rol, accion: accion) == hacia)
    }

    @Test("The hand-written table covers exactly the rules of the workflow")
    func tablaCubreReglas() {
        struct Clave: Hashable { let e: EstadoEDL, r: RolEDL, a: AccionEDL }
        var deReglas = Set<Clave>()
        for regla in FlujoEDL.reglas {
            for e in regla.desde { for r in regla.roles { deReglas.insert(Clave(e: e, r: r, a: regla.accion)) } }
        }
        let deTabla = Set(Self.permitidas.map { Clave(e: $0.0, r: $0.1, a: $0.2) })
        #expect(deTabla.count == Self.permitidas.count)
        #expect(deTabla == deReglas)
    }

    @Test("Refused actions throw the exact typed error", arguments: [
        (EstadoEDL.enSeguimiento, RolEDL.evaluado, AccionEDL.calificarDefinitiva,
         ErrorFlujoEDL.rolNoAutorizado(rol: .evaluado, accion: .calificarDefinitiva)),
        (.enSeguimiento, .talentoHumano, .calificarDefinitiva,
         .rolNoAutorizado(rol: .talentoHumano, accion: .calificarDefinitiva)),
        (.calificada, .evaluador, .calificarDefinitiva,
         .accionNoPermitida(estado: .calificada, accion: .calificarDefinitiva)),
        (.porConcertar, .evaluado, .enviarAFirma, .rolNoAutorizado(rol: .evaluado, accion: .enviarAFirma)),
        (.porFirmar, .evaluador, .firmar, .rolNoAutorizado(rol: .evaluador, accion: .firmar)),
        (.porConcertar, .evaluado, .firmar, .accionNoPermitida(estado: .porConcertar, accion: .firmar)),
        (.porFirmar, .evaluado, .fijarConTestigo, .rolNoAutorizado(rol: .evaluado, accion: .fijarConTestigo)),
        (.enSeguimiento, .evaluado, .ajustarCompromisos, .rolNoAutorizado(rol: .evaluado, accion: .ajustarCompromisos)),
        (.porAprobarComision, .evaluador, .aprobarComision, .rolNoAutorizado(rol: .evaluador, accion: .aprobarComision)),
        (.enSeguimiento, .comision, .aprobarComision,
         .accionNoPermitida(estado: .enSeguimiento, accion: .aprobarComision)),
        (.calificada, .evaluado, .notificar, .rolNoAutorizado(rol: .evaluado, accion: .notificar)),
        (.enSeguimiento, .talentoHumano, .notificar, .accionNoPermitida(estado: .enSeguimiento, accion: .notificar)),
        (.notificada, .evaluador, .interponerReposicion,
         .rolNoAutorizado(rol: .evaluador, accion: .interponerReposicion)),
        (.notificada, .evaluador, .resolverReposicion,
         .accionNoPermitida(estado: .notificada, accion: .resolverReposicion)),
        (.enReposicion, .superior, .resolverReposicion, .rolNoAutorizado(rol: .superior, accion: .resolverReposicion)),
        (.enApelacion, .evaluador, .resolverApelacion, .rolNoAutorizado(rol: .evaluador, accion: .resolverApelacion)),
        (.notificada, .evaluado, .declararEnFirme, .rolNoAutorizado(rol: .evaluado, accion: .declararEnFirme)),
        (.enReposicion, .talentoHumano, .declararEnFirme,
         .accionNoPermitida(estado: .enReposicion, accion: .declararEnFirme)),
        (.enFirme, .talentoHumano, .cerrar, .accionNoPermitida(estado: .enFirme, accion: .cerrar)),
        (.calificada, .talentoHumano, .cerrar, .accionNoPermitida(estado: .calificada, accion: .cerrar)),
        (.porConcertar, .evaluador, .cerrar, .rolNoAutorizado(rol: .evaluador, accion: .cerrar)),
        (.cerrada, .evaluador, .registrarSeguimiento,
         .accionNoPermitida(estado: .cerrada, accion: .registrarSeguimiento)),
        (.enSeguimiento, .talentoHumano, .registrarSeguimiento,
         .rolNoAutorizado(rol: .talentoHumano, accion: .registrarSeguimiento)),
        // A wrong state is reported before a wrong role.
        (.enFirme, .evaluador, .firmar, .accionNoPermitida(estado: .enFirme, accion: .firmar)),
    ] as [(EstadoEDL, RolEDL, AccionEDL, ErrorFlujoEDL)])
    func rechazada(estado: EstadoEDL, rol: RolEDL, accion: AccionEDL, error: ErrorFlujoEDL) {
        #expect(throws: error) {
            try FlujoEDL.transicion(desde: estado, rol: rol, accion: accion)
        }
    }

    @Test("Nobody can file a reposición while the evaluation is in seguimiento", arguments: RolEDL.allCases)
    func reposicionEnSeguimiento(rol: RolEDL) {
        #expect(throws: ErrorFlujoEDL.accionNoPermitida(estado: .enSeguimiento, accion: .interponerReposicion)) {
            try FlujoEDL.transicion(desde: .enSeguimiento, rol: rol, accion: .interponerReposicion)
        }
    }

    @Test("With a comisión evaluadora, a definitive or extraordinary rating waits for its approval", arguments: [
        (AccionEDL.calificarDefinitiva, true, EstadoEDL.porAprobarComision),
        (.calificarExtraordinaria, true, .porAprobarComision),
        (.calificarDefinitiva, false, .calificada),
        (.calificarExtraordinaria, false, .calificada),
        (.calificarParcial, true, .enSeguimiento),   // parciales are not approved by the comisión
        (.registrarSeguimiento, true, .enSeguimiento),
    ])
    func conComision(accion: AccionEDL, conComision: Bool, hacia: EstadoEDL) throws {
        #expect(try FlujoEDL.transicion(desde: .enSeguimiento, rol: .evaluador, accion: accion,
                                        conComision: conComision) == hacia)
    }

    @Test("The comisión's approval makes the rating calificada even with the comisión option set")
    func aprobacion() throws {
        #expect(try FlujoEDL.transicion(desde: .porAprobarComision, rol: .comision, accion: .aprobarComision,
                                        conComision: true) == .calificada)
        #expect(try FlujoEDL.transicion(desde: .porAprobarComision, rol: .comision, accion: .devolverComision,
                                        conComision: true) == .enSeguimiento)
    }

    @Test("A reposición filed with apelación en subsidio goes to apelación when resolved")
    func apelacionSubsidiaria() throws {
        #expect(try FlujoEDL.transicion(desde: .enReposicion, rol: .evaluador, accion: .resolverReposicion,
                                        conApelacionSubsidiaria: true) == .enApelacion)
        #expect(try FlujoEDL.transicion(desde: .enReposicion, rol: .evaluador, accion: .resolverReposicion,
                                        conApelacionSubsidiaria: false) == .enFirme)
        // The option changes nothing else.
        #expect(try FlujoEDL.transicion(desde: .enApelacion, rol: .superior, accion: .resolverApelacion,
                                        conApelacionSubsidiaria: true) == .enFirme)
        #expect(try FlujoEDL.transicion(desde: .notificada, rol: .evaluado, accion: .renunciarARecursos,
                                        conApelacionSubsidiaria: true) == .enFirme)
    }

    @Test("The minimum applied to the period's last stretch is the definitive rating")
    func minimoLapsoFinal() throws {
        #expect(try FlujoEDL.transicion(desde: .enSeguimiento, rol: .talentoHumano, accion: .aplicarMinimo,
                                        lapsoFinal: true) == .calificada)
        #expect(try FlujoEDL.transicion(desde: .enSeguimiento, rol: .talentoHumano, accion: .aplicarMinimo,
                                        lapsoFinal: false) == .enSeguimiento)
        #expect(throws: ErrorFlujoEDL.rolNoAutorizado(rol: .evaluador, accion: .aplicarMinimo)) {
            try FlujoEDL.transicion(desde: .enSeguimiento, rol: .evaluador, accion: .aplicarMinimo, lapsoFinal: true)
        }
    }

    @Test("Compromisos cannot be adjusted while a parcial is unrated; other actions ignore the option", arguments: [
        (AccionEDL.ajustarCompromisos, true, nil as EstadoEDL?),
        (.ajustarCompromisos, false, .porConcertar),
        (.calificarParcial, true, .enSeguimiento),
        (.registrarSeguimiento, true, .enSeguimiento),
    ])
    func parcialPendiente(accion: AccionEDL, abierta: Bool, esperado: EstadoEDL?) throws {
        if let esperado {
            #expect(try FlujoEDL.transicion(desde: .enSeguimiento, rol: .evaluador, accion: accion, parcialAbierta: abierta) == esperado)
        } else {
            #expect(throws: ErrorFlujoEDL.parcialPendiente(accion: accion)) {
                try FlujoEDL.transicion(desde: .enSeguimiento, rol: .evaluador, accion: accion, parcialAbierta: abierta)
            }
        }
    }

    @Test("The role is checked before the pending parcial")
    func rolAntesQueParcial() {
        #expect(throws: ErrorFlujoEDL.rolNoAutorizado(rol: .evaluado, accion: .ajustarCompromisos)) {
            try FlujoEDL.transicion(desde: .enSeguimiento, rol: .evaluado, accion: .ajustarCompromisos, parcialAbierta: true)
        }
    }

    @Test("For every state, role and action, the transition succeeds exactly when the action is offered")
    func exhaustivo() {
        for estado in EstadoEDL.allCases {
            for rol in RolEDL.allCases {
                let ofrecidas = FlujoEDL.acciones(estado: estado, rol: rol)
                for accion in AccionEDL.allCases {
                    let resultado = Result { () throws(ErrorFlujoEDL) in
                        try FlujoEDL.transicion(desde: estado, rol: rol, accion: accion)
                    }
                    switch resultado {
                    case .success:
                        #expect(ofrecidas.contains(accion), "\(estado) \(rol) \(accion)")
                    case .failure(let error):
                        #expect(!ofrecidas.contains(accion), "\(estado) \(rol) \(accion)")
                        // Some role may act in this state: the refusal is about the role; else about the state.
                        let algunRol = RolEDL.allCases.contains { FlujoEDL.acciones(estado: estado, rol: $0).contains(accion) }
                        #expect(error == (algunRol ? .rolNoAutorizado(rol: rol, accion: accion)
                                                   : .accionNoPermitida(estado: estado, accion: accion)))
                    }
                }
            }
        }
    }

    @Test("The actions offered to a role in a state", arguments: [
        (EstadoEDL.porConcertar, RolEDL.evaluador,
         [AccionEDL.guardarCompromisos, .enviarAFirma, .fijarSinAcuerdo, .registrarSeguimiento]),
        (.porConcertar, .evaluado, [.guardarCompromisos, .registrarSeguimiento]),
        (.porConcertar, .talentoHumano, [.cerrar]),
        (.porFirmar, .evaluado, [.firmar, .devolver, .registrarSeguimiento]),
        (.porFirmar, .evaluador, [.devolver, .fijarConTestigo, .fijarSinAcuerdo, .registrarSeguimiento]),
        (.enSeguimiento, .evaluador,
         [.ajustarCompromisos, .registrarSeguimiento, .calificarParcial, .calificarDefinitiva, .calificarExtraordinaria]),
        (.enSeguimiento, .talentoHumano, [.aplicarMinimo, .cerrar]),
        (.enSeguimiento, .superior, []),
        (.porAprobarComision, .comision, [.aprobarComision, .devolverComision]),
        (.calificada, .evaluado, []),
        (.notificada, .evaluado, [.interponerReposicion, .interponerApelacion, .renunciarARecursos]),
        (.notificada, .talentoHumano, [.interponerReposicion, .interponerApelacion, .renunciarARecursos, .declararEnFirme]),
        (.enReposicion, .evaluador, [.resolverReposicion]),
        (.enApelacion, .superior, [.resolverApelacion]),
    ] as [(EstadoEDL, RolEDL, [AccionEDL])])
    func acciones(estado: EstadoEDL, rol: RolEDL, esperado: [AccionEDL]) {
        #expect(FlujoEDL.acciones(estado: estado, rol: rol) == esperado)
    }

    @Test("En firme and cerrada are final: nobody can do anything", arguments: [EstadoEDL.enFirme, .cerrada])
    func finales(estado: EstadoEDL) {
        for rol in RolEDL.allCases {
            #expect(FlujoEDL.acciones(estado: estado, rol: rol).isEmpty)
        }
    }

    @Test("Every state but the final ones can be left by someone", arguments: EstadoEDL.allCases)
    func sinCallejones(estado: EstadoEDL) {
        let salidas = RolEDL.allCases.flatMap { rol in
            FlujoEDL.acciones(estado: estado, rol: rol).compactMap { try? FlujoEDL.transicion(desde: estado, rol: rol, accion: $0) }
        }
        let final = estado == .enFirme || estado == .cerrada
        #expect(salidas.contains { $0 != estado } == !final)
    }

    @Test("The refusal messages are in Spanish and name the action", arguments: AccionEDL.allCases)
    func mensajes(accion: AccionEDL) {
        #expect(!accion.nombre.isEmpty)
        let noPermitida = ErrorFlujoEDL.accionNoPermitida(estado: .enFirme, accion: accion).mensaje
        #expect(noPermitida.hasPrefix("No se puede "))
        #expect(noPermitida.contains(accion.nombre))
        #expect(noPermitida.contains("«En firme»"))
        let rol = ErrorFlujoEDL.rolNoAutorizado(rol: .evaluado, accion: accion).mensaje
        #expect(rol == "Como evaluado no puede \(accion.nombre).")
        let fuera = ErrorFlujoEDL.fueraDeTermino(accion: accion, vencio: Fecha(2026, 11, 23)).mensaje
        #expect(fuera.contains(accion.nombre) && fuera.contains("23/11/2026"))
        let antes = ErrorFlujoEDL.antesDeTiempo(accion: accion, desde: Fecha(2026, 11, 24)).mensaje
        #expect(antes.contains(accion.nombre) && antes.contains("24/11/2026"))
    }

    @Test("Refusal messages name the state and the role", arguments: EstadoEDL.allCases)
    func mensajeEstado(estado: EstadoEDL) {
        #expect(!estado.nombre.isEmpty)
        #expect(ErrorFlujoEDL.accionNoPermitida(estado: estado, accion: .firmar).mensaje
                == "No se puede firmar los compromisos: la evaluación está «\(estado.nombre)».")
        for rol in RolEDL.allCases {
            #expect(ErrorFlujoEDL.rolNoAutorizado(rol: rol, accion: .firmar).mensaje.contains(rol.nombre))
        }
    }

    @Test("States are ordered as the cycle runs; concertada from seguimiento on, except cerrada", arguments: [
        (EstadoEDL.porConcertar, 0, false),
        (.porFirmar, 1, false),
        (.enSeguimiento, 2, true),
        (.porAprobarComision, 3, true),
        (.calificada, 4, true),
        (.notificada, 5, true),
        (.enReposicion, 6, true),
        (.enApelacion, 7, true),
        (.enFirme, 8, true),
        (.cerrada, 9, false),
    ])
    func orden(estado: EstadoEDL, orden: Int, concertada: Bool) {
        #expect(estado.orden == orden)
        #expect(estado.concertada == concertada)
    }

    @Test("Raw values are snake_case for storage", arguments: [
        (EstadoEDL.porAprobarComision.rawValue, "por_aprobar_comision"),
        (EstadoEDL.enFirme.rawValue, "en_firme"),
        (RolEDL.talentoHumano.rawValue, "talento_humano"),
        (AccionEDL.interponerReposicion.rawValue, "interponer_reposicion"),
        (AccionEDL.renunciarARecursos.rawValue, "renunciar_a_recursos"),
    ])
    func rawValues(valor: String, esperado: String) {
        #expect(valor == esperado)
    }
}
