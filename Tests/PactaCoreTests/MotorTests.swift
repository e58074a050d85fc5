import Testing
@testable import PactaCore

/// A small instrument made up for the engine's own tests, so they depend on no real instrument.
enum EstadoPrueba: String, ElementoDeFlujo {
    case borrador, revision, aprobado, archivado
    var nombre: String { rawValue }
}
enum RolPrueba: String, ElementoDeFlujo {
    case autor, revisor
    var nombre: String { rawValue }
}
enum AccionPrueba: String, ElementoDeFlujo {
    case enviar, aprobar, devolver, archivar
    var nombre: String { rawValue }
}

@Suite("Motor de evaluación")
struct MotorTests {
    typealias F = Flujo<EstadoPrueba, RolPrueba, AccionPrueba>
    static let urgente: Condicion = "urgente"
    static let incompleto: Condicion = "incompleto"
    static let flujo = F([
        F.Regla(desde: [.borrador], roles: [.autor], accion: .enviar, hacia: .revision,
                guardas: [.init(si: incompleto, motivo: "faltan datos.")]),
        F.Regla(desde: [.revision], roles: [.revisor], accion: .aprobar, hacia: .aprobado,
                desvios: [.init(si: urgente, hacia: .archivado)]),
        F.Regla(desde: [.revision], roles: [.revisor], accion: .devolver, hacia: .borrador),
        F.Regla(desde: [.aprobado], roles: [.revisor, .autor], accion: .archivar, hacia: .archivado),
    ])

    static let transiciones: [(EstadoPrueba, RolPrueba, AccionPrueba, Set<Condicion>, EstadoPrueba)] = [
        (.borrador, .autor, .enviar, [], .revision),
        (.borrador, .autor, .enviar, [urgente], .revision),          // a detour of another rule does nothing
        (.revision, .revisor, .aprobar, [], .aprobado),
        (.revision, .revisor, .aprobar, [urgente], .archivado),
        (.revision, .revisor, .aprobar, [incompleto], .aprobado),     // a guard of another rule does nothing
        (.revision, .revisor, .devolver, [urgente], .borrador),
        (.aprobado, .autor, .archivar, [], .archivado),
    ]

    @Test("Transitions follow the table, its guards and its detours", arguments: transiciones)
    func transicion(estado: EstadoPrueba, rol: RolPrueba, accion: AccionPrueba, hechos: Set<Condicion>, hacia: EstadoPrueba) throws {
        #expect(try Self.flujo.transicion(desde: estado, rol: rol, accion: accion, hechos: hechos) == hacia)
    }

    static let rechazos: [(EstadoPrueba, RolPrueba, AccionPrueba, Set<Condicion>, ErrorFlujo<EstadoPrueba, RolPrueba, AccionPrueba>)] = [
        (.aprobado, .revisor, .enviar, [], .accionNoPermitida(estado: .aprobado, accion: .enviar)),
        (.aprobado, .autor, .enviar, [incompleto], .accionNoPermitida(estado: .aprobado, accion: .enviar)),
        (.borrador, .revisor, .enviar, [incompleto], .rolNoAutorizado(rol: .revisor, accion: .enviar)),
        (.borrador, .autor, .enviar, [incompleto], .bloqueada(accion: .enviar, condicion: incompleto, motivo: "faltan datos.")),
    ]

    @Test("Refusals: the state first, then the role, then the guards", arguments: rechazos)
    func rechazo(estado: EstadoPrueba, rol: RolPrueba, accion: AccionPrueba, hechos: Set<Condicion>,
                 error: ErrorFlujo<EstadoPrueba, RolPrueba, AccionPrueba>) {
        #expect(throws: error) { try Self.flujo.transicion(desde: estado, rol: rol, accion: accion, hechos: hechos) }
    }

    @Test("A guard's message says what is missing")
    func mensajeGuarda() {
        let e = ErrorFlujo<EstadoPrueba, RolPrueba, AccionPrueba>.bloqueada(accion: .enviar, condicion: Self.incompleto, motivo: "faltan datos.")
        #expect(e.mensaje == "No se puede enviar todavía: faltan datos.")
    }

    @Test("What each role is offered, final states and reachable states")
    func consultas() {
        #expect(Self.flujo.acciones(estado: .revision, rol: .revisor) == [.aprobar, .devolver])
        #expect(Self.flujo.acciones(estado: .revision, rol: .autor) == [])
        #expect(Self.flujo.roles(estado: .aprobado) == [.revisor, .autor])
        #expect(Self.flujo.finales == [.archivado])
        #expect(Self.flujo.alcanzables(desde: .borrador) == Set(EstadoPrueba.allCases))
        #expect(Self.flujo.alcanzables(desde: .aprobado) == [.aprobado, .archivado])
    }

    // MARK: - What is due

    typealias T = Tarea<EstadoPrueba, RolPrueba>
    static let tareas: [T] = [
        T(en: [.borrador], rol: .autor, "Enviar", vence: .el(.fecha("limite"))),
        T(en: [.borrador], rol: .revisor, "Recordar al autor", vence: .el(.fecha("limite")), cuando: [.vencido], muestraVence: false),
        T(en: [.revision], rol: .revisor, "Revisar {nombre}", serie: "partes", vence: .plazo("revision", desde: .item), cuando: [.llegada]),
        T(en: [.revision], rol: .autor, "Puede retirar", vence: .plazo("revision", desde: .fecha("enviado")), cuando: [.enTermino]),
        T(en: [.aprobado], rol: .autor, "Archivar", vence: .plazo("archivo", desde: .fecha("aprobado")), cuando: [.desde("abre")]),
        T(en: [.aprobado], rol: .revisor, "Firmar", vence: .plazo("archivo", desde: .fecha("aprobado"))),
    ]

    /// Plazos of the test instrument: "revision" 10 calendar days, "archivo" 5.
    static func plazo(_ clave: String, _ desde: Fecha) -> Fecha? {
        switch clave {
        case "revision": desde.sumandoDias(10)
        case "archivo": desde.sumandoDias(5)
        default: nil
        }
    }

    static func debidos(_ estado: EstadoPrueba, _ fechas: [String: Fecha] = [:], partes: [(String, Fecha)] = [], hoy: Fecha)
        -> [String] {
        let foto = FotoDeEvaluacion(estado: estado, fechas: fechas,
                                    series: ["partes": partes.map { .init(nombre: $0.0, fecha: $0.1) }])
        return QueSeDebe.calcular(tareas, foto: foto, hoy: hoy, plazo: plazo).map { d in
            "\(d.rol.rawValue): \(d.tarea) · \(d.vence?.texto ?? "sin fecha")"
        }
    }

    static let casos: [(EstadoPrueba, [String: Fecha], [(String, Fecha)], Fecha, [String])] = [
        (.borrador, ["limite": Fecha(2026, 3, 10)], [], Fecha(2026, 3, 10), ["autor: Enviar · 10/03/2026"]),
        // The day after the deadline, the reminder appears without a date of its own.
        (.borrador, ["limite": Fecha(2026, 3, 10)], [], Fecha(2026, 3, 11),
         ["autor: Enviar · 10/03/2026", "revisor: Recordar al autor · sin fecha"]),
        // Without the date it counts from, a task with no moment condition is listed without deadline.
        (.borrador, [:], [], Fecha(2026, 3, 11), ["autor: Enviar · sin fecha"]),
        // A series: only the parts whose date arrived, soonest first, names in lower case.
        (.revision, ["enviado": Fecha(2026, 3, 1)],
         [("Parte B", Fecha(2026, 3, 5)), ("Parte A", Fecha(2026, 3, 2)), ("Parte C", Fecha(2026, 4, 1))], Fecha(2026, 3, 6),
         ["autor: Puede retirar · 11/03/2026", "revisor: Revisar parte a · 12/03/2026", "revisor: Revisar parte b · 15/03/2026"]),
        // After the term the withdrawal is no longer offered.
        (.revision, ["enviado": Fecha(2026, 3, 1)], [], Fecha(2026, 3, 12), []),
        // A window not yet open hides the task; the other one is listed.
        (.aprobado, ["aprobado": Fecha(2026, 5, 1), "abre": Fecha(2026, 5, 4)], [], Fecha(2026, 5, 3),
         ["revisor: Firmar · 06/05/2026"]),
        // Same deadline: the table's order.
        (.aprobado, ["aprobado": Fecha(2026, 5, 1), "abre": Fecha(2026, 5, 4)], [], Fecha(2026, 5, 4),
         ["autor: Archivar · 06/05/2026", "revisor: Firmar · 06/05/2026"]),
        (.archivado, ["limite": Fecha(2026, 3, 10)], [], Fecha(2026, 5, 4), []),
    ]

    @Test("What is due, by the table", arguments: casos)
    func queSeDebe(estado: EstadoPrueba, fechas: [String: Fecha], partes: [(String, Fecha)], hoy: Fecha, esperado: [String]) {
        #expect(Self.debidos(estado, fechas, partes: partes, hoy: hoy) == esperado)
    }

    @Test("A task of a series says which item it came from")
    func itemDeSerie() {
        let foto = FotoDeEvaluacion(estado: EstadoPrueba.revision, fechas: [:],
                                    series: ["partes": [.init(nombre: "Uno", fecha: Fecha(2026, 1, 5)), .init(nombre: "Dos", fecha: Fecha(2026, 1, 2))]])
        let r = QueSeDebe.calcular(Self.tareas, foto: foto, hoy: Fecha(2026, 1, 6), plazo: Self.plazo)
        #expect(r.map(\.item) == [1, 0])
        #expect(r.map(\.serie) == ["partes", "partes"])
    }

    @Test("Días hábiles left until a deadline, negative when overdue", arguments: [
        (Fecha(2026, 3, 20), Fecha(2026, 3, 27), 4),   // 23 March 2026 is a holiday
        (Fecha(2026, 3, 27), Fecha(2026, 3, 27), 0),
        (Fecha(2026, 3, 30), Fecha(2026, 3, 27), -1),
    ])
    func diasRestantes(hoy: Fecha, vence: Fecha, dias: Int) {
        let d = Debido(rol: RolPrueba.autor, tarea: "x", vence: vence)
        #expect(d.diasHabilesRestantes(hoy: hoy, calendario: .colombia) == dias)
        #expect(Debido(rol: RolPrueba.autor, tarea: "x", vence: nil).diasHabilesRestantes(hoy: hoy, calendario: .colombia) == nil)
    }

    @Test("How the time left reads on a page", arguments: [
        (Int?.none, false, "sin plazo fijo"), (5, false, "quedan 5 días hábiles"), (1, false, "queda 1 día hábil"),
        (0, false, "vence hoy"), (0, true, "vencido"), (-1, true, "vencido hace 1 día hábil"), (-3, true, "vencido hace 3 días hábiles"),
    ])
    func textoPlazo(dias: Int?, vencido: Bool, texto: String) {
        #expect(Debido<RolPrueba>.textoPlazo(dias: dias, vencido: vencido) == texto)
    }

    // MARK: - The instruments' tables

    @Test("Every state of each instrument is reachable from its first, and only the closing states are final")
    func tablasDeInstrumentos() {
        #expect(FlujoEDL.flujo.alcanzables(desde: .porConcertar) == Set(EstadoEDL.allCases))
        #expect(FlujoEDL.flujo.finales == [.enFirme, .cerrada])
        #expect(FlujoGI.flujo.alcanzables(desde: .formulacion) == Set(EstadoGI.allCases))
        #expect(FlujoGI.flujo.finales == [.finalizada, .cerrada])
    }

    @Test("Each task of an instrument falls to a role that acts in that state")
    func tareasDeRolesQueActuan() {
        for t in TareasEDL.tabla { for e in t.en {
            #expect(FlujoEDL.flujo.roles(estado: e).contains(t.rol), "EDL \(e) \(t.rol)")
        } }
        for t in TareasGI.tabla { for e in t.en {
            #expect(FlujoGI.flujo.roles(estado: e).contains(t.rol), "GI \(e) \(t.rol)")
        } }
        // Every open stage of the Gestión Institucional has something due from the role that moves it.
        for e in EstadoGI.allCases where !FlujoGI.flujo.finales.contains(e) {
            #expect(TareasGI.tabla.contains { $0.en.contains(e) && $0.rol != .talentoHumano }, "\(e)")
        }
    }

    @Test("The EDL presets read as the shared definition: two components summing 100, the same plazos", arguments: PresetEDL.allCases)
    func edlComoDefinicionComun(preset: PresetEDL) {
        let d = preset.definicion, c = d.comun
        #expect(c.validar().isEmpty)
        #expect(c.tipo == .edl)
        #expect(c.componente("funcionales")?.peso == d.pesoFuncional)
        #expect(c.componente("comportamentales")?.cantidad == d.comportamentales)
        #expect(c.plazos["recursos"] == d.plazos.recursos)
        #expect(c.vence("calificacion", desde: Fecha(2026, 7, 31), calendario: .colombia)
                == d.plazos.calificacion.vence(desde: Fecha(2026, 7, 31), calendario: .colombia))
    }

    @Test("Which instrument evaluates each vinculación", arguments: [
        (TipoVinculacion.carrera, TipoInstrumento?.some(.edl)), (.periodoDePrueba, .edl),
        (.provisional, .gestionInstitucional), (.libreNombramiento, .gestionInstitucional),
        (.gerentePublico, .acuerdoDeGestion), (.temporal, nil),
    ])
    func instrumentoPorVinculacion(v: TipoVinculacion, t: TipoInstrumento?) {
        #expect(TipoInstrumento.para(v) == t)
    }
}

@Suite("Formato de mejoramiento individual")
struct FlujoMejoramientoTests {
    static let permitidas: [(EstadoMejoramiento, RolMejoramiento, AccionMejoramiento, EstadoMejoramiento)] = [
        (.enviado, .jefe, .diligenciar, .enSeguimiento), (.enviado, .evaluado, .diligenciar, .enSeguimiento),
        (.enSeguimiento, .jefe, .diligenciar, .enSeguimiento), (.enSeguimiento, .evaluado, .diligenciar, .enSeguimiento),
        (.enSeguimiento, .jefe, .registrarSeguimiento, .enSeguimiento),
        (.enSeguimiento, .talentoHumano, .registrarSeguimiento, .enSeguimiento),
        (.enSeguimiento, .talentoHumano, .cerrar, .cerrado),
    ]

    @Test("Exactly these actions are allowed, and everything else is refused with its reason")
    func exhaustivo() {
        let f = FlujoMejoramiento.flujo
        for e in EstadoMejoramiento.allCases { for r in RolMejoramiento.allCases { for a in AccionMejoramiento.allCases {
            let esperado = Self.permitidas.first { $0.0 == e && $0.1 == r && $0.2 == a }?.3
            let res = Result { () throws(ErrorFlujo<EstadoMejoramiento, RolMejoramiento, AccionMejoramiento>) in
                try f.transicion(desde: e, rol: r, accion: a) }
            switch res {
            case .success(let h): #expect(h == esperado, "\(e) \(r) \(a)")
            case .failure(let err):
                #expect(esperado == nil, "\(e) \(r) \(a)")
                let algun = RolMejoramiento.allCases.contains { f.acciones(estado: e, rol: $0).contains(a) }
                #expect(err == (algun ? .rolNoAutorizado(rol: r, accion: a) : .accionNoPermitida(estado: e, accion: a)))
            }
        } } }
    }

    @Test("Closing needs a follow-up first")
    func cierreSinSeguimiento() {
        #expect(throws: ErrorFlujo<EstadoMejoramiento, RolMejoramiento, AccionMejoramiento>.bloqueada(
            accion: .cerrar, condicion: FlujoMejoramiento.sinSeguimientos, motivo: "se cierra con al menos un seguimiento registrado.")) {
            try FlujoMejoramiento.flujo.transicion(desde: .enSeguimiento, rol: .talentoHumano, accion: .cerrar,
                                                   hechos: [FlujoMejoramiento.sinSeguimientos])
        }
        #expect(FlujoMejoramiento.flujo.finales == [.cerrado])
    }
}
