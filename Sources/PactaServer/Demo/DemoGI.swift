import Fluent
import Foundation
import PactaCore
import Vapor

/// The Gestión Institucional part of the demo entity (seed 001): the vigencia of the demo's year,
/// opened with the preset's plan de trabajo, and the one before it. Each provisional and LNR servant
/// is left at a stage that fits the demo's date — formulating (some after a rejection), metas por
/// aprobar or por aceptar (some modified by the jefe, with the before → after the evaluado compares),
/// in either seguimiento, with the competencias por calificar, or finished with their result on the
/// entity's scale; a few closed without a rating.
///
/// As in the EDL demo, rows go in directly and in batches (50 000 servants), but every figure comes
/// from PactaCore: the metas pass `MetasGI.validar`, every seguimiento and result is
/// `CalificacionGI`'s, every level the preset's scale, every step an arrow of `FlujoGI`'s table with
/// its event in the shared history.
enum DemoGI {
    static let usuarioEvaluado = "demo.provisional"

    struct Resultado: Sendable {
        let yaExistia: Bool
        let vigencias: [String]
        let porEstado: [EstadoGI: Int]
        let filas: Int
        let segundos: Double
        let cuentaCreada: Bool
    }

    static func cargar(_ app: Application, hoy: Fecha) async throws -> Resultado {
        let inicio = Date()
        guard let entidad = try await Entidad.query(on: app.db).filter(\.$sigla == DemoData.sigla).first() else {
            throw PactaError.conflicto("Primero cargue la entidad de demostración.")
        }
        let eid = entidad.id!
        if try await VigenciaGI.query(on: app.db).filter(\.$entidad.$id == eid).count() > 0 {
            let n = try await EvaluacionGI.query(on: app.db).filter(\.$entidad.$id == eid).count()
            return Resultado(yaExistia: true, vigencias: [], porEstado: [:], filas: n, segundos: 0, cuentaCreada: false)
        }
        let hash = try await app.password.async.hash(DemoData.contrasena)
        return try await app.db.escribir { db in
            try await generar(entidadID: eid, hoy: hoy, hashCuenta: hash, inicio: inicio, on: db)
        }
    }

    /// Where an evaluation is left, and the detours on its way there.
    struct Plan: Equatable {
        var hasta: EstadoGI
        /// The jefe rejected the metas once (or, when `hasta` is formulación, just did).
        var rechazoMetas = false
        /// The jefe modified the metas (and, in the seguimiento, the percentage achieved).
        var modificaMetas = false
        var modificaSeguimiento1 = false
        /// The first self-assessment was rejected and is being redone.
        var rechazoSeguimiento1 = false
        var borrador = false
        /// The step that leaves it at `hasta` was taken in the last days (a named account's work is on time).
        var reciente = false
    }

    // MARK: - Generation

    static func generar(entidadID eid: UUID, hoy: Fecha, hashCuenta: String, inicio: Date, on db: any Database) async throws -> Resultado {
        var rng = DemoData.Aleatorio(estado: 1_001_2026)
        let definicion = DefinicionGI.preset
        let calendario = try await CalendarioService.calendario(eid, on: db)

        let personas = try await DemoData.personas(eid, on: db)
        let nombres = Dictionary(uniqueKeysWithValues: personas.map { ($0.id, $0.nombre) })
        let usuarios = Dictionary(uniqueKeysWithValues: try await Usuario.query(on: db).filter(\.$entidad.$id == eid).all()
            .map { ($0.nombreUsuario, $0) })
        guard let th = usuarios["demo.th"], let jefeID = usuarios["demo.jefe"]?.$servidor.id else {
            throw PactaError.conflicto("Faltan las cuentas de demostración (demo.th, demo.jefe).")
        }
        let evaluados = personas.filter { definicion.base.vinculaciones.contains($0.vinculacion) }.sorted { $0.documento < $1.documento }

        // A provisional servant of demo.jefe's team gets an account to act as the evaluado.
        let equipo = evaluados.filter { $0.jefe == jefeID }
        var cuentaCreada = false
        var evaluadoID = usuarios[usuarioEvaluado]?.$servidor.id
        if evaluadoID == nil, let p = equipo.first(where: { $0.vinculacion == .provisional }) {
            try await Usuario(entidadID: eid, nombreUsuario: usuarioEvaluado, nombre: p.nombre, passwordHash: hashCuenta,
                              rol: .servidor, servidorID: p.id).create(on: db)
            evaluadoID = p.id
            cuentaCreada = true
        }

        var lote = Lote()
        var porEstado: [EstadoGI: Int] = [:]
        var filas = 0
        var nombresVigencias: [String] = []
        for anio in [hoy.anio - 1, hoy.anio] {
            let v = VigenciaGI()
            v.id = UUID()
            v.$entidad.id = eid
            v.anio = anio
            v.nombre = "Vigencia \(anio)"
            v.definicionJSON = EvaluacionGI.json(definicion)
            v.plan = Dictionary(uniqueKeysWithValues: definicion.plan(anio: anio).map { ($0.etapa.codigo, $0.periodo) })
            v.version = 0
            v.abiertaPorID = th.id
            try await v.create(on: db)
            nombresVigencias.append(v.nombre)
            let terminos = TerminosGI(definicion: definicion, calendario: calendario, plan: v.plan)
            let fase = Fase(hoy: hoy, plan: v.plan)

            // The named accounts' work: the evaluado decides on a modification, the jefe has something to review.
            var fijos: [UUID: Plan] = [:]
            if anio == hoy.anio {
                if let e = evaluadoID { fijos[e] = fase.planDelEvaluado }
                for (i, p) in fase.planesDelJefe.enumerated() {
                    let otros = equipo.filter { $0.id != evaluadoID }
                    if i < otros.count { fijos[otros[i].id] = p }
                }
            }
            for s in evaluados {
                // Someone who took office after the vigencia is not in it.
                if let p = s.posesion, p > v.periodo.fin { continue }
                var plan = fijos[s.id] ?? fase.sortear(&rng)
                if s.jefe == nil { plan = Plan(hasta: .formulacion) }
                let estado = construir(s, plan: plan, vigencia: v, terminos: terminos, entidadID: eid, thNombre: th.nombre,
                                       nombres: nombres, hoy: hoy, rng: &rng, lote: &lote)
                porEstado[estado, default: 0] += 1
                if lote.evaluaciones.count >= 500 { filas += try await lote.vaciar(on: db) }
            }
            filas += try await lote.vaciar(on: db)
        }
        let total = porEstado.values.reduce(0, +)
        try await AuditLog.registrar(on: db, actor: nil, accion: "cargar gestión institucional de demostración", tipo: VigenciaGI.schema,
                                     id: eid.uuidString, antes: Optional<Nada>.none,
                                     despues: ["vigencias": nombresVigencias.joined(separator: ", "), "evaluaciones": "\(total)"], entidadID: eid)
        return Resultado(yaExistia: false, vigencias: nombresVigencias, porEstado: porEstado, filas: filas,
                         segundos: Date().timeIntervalSince(inicio), cuentaCreada: cuentaCreada)
    }

    /// Where the demo's date falls in a vigencia's plan de trabajo, and the mix of stages that fits it.
    struct Fase {
        enum Momento { case antes, formulacion, entreFormulacionY1, seguimiento1, entre1Y2, seguimiento2, despues }
        let momento: Momento

        init(hoy: Fecha, plan: [String: Periodo]) {
            let f = plan[DefinicionGI.etapaFormulacion], s1 = plan[DefinicionGI.etapaSeguimiento1], s2 = plan[DefinicionGI.etapaSeguimiento2]
            momento = if let f, hoy < f.inicio { .antes }
                else if let f, hoy <= f.fin { .formulacion }
                else if let s1, hoy < s1.inicio { .entreFormulacionY1 }
                else if let s1, hoy <= s1.fin { .seguimiento1 }
                else if let s2, hoy < s2.inicio { .entre1Y2 }
                else if let s2, hoy <= s2.fin { .seguimiento2 }
                else { .despues }
        }

        /// Shares (per thousand) of each stage.
        var mezcla: [(Int, Plan)] {
            switch momento {
            case .antes:
                [(1000, Plan(hasta: .formulacion))]
            case .formulacion:
                [(300, Plan(hasta: .formulacion)), (80, Plan(hasta: .formulacion, borrador: true)), (60, Plan(hasta: .formulacion, rechazoMetas: true)),
                 (150, Plan(hasta: .revisionMetas)), (60, Plan(hasta: .aceptacionMetas)), (40, Plan(hasta: .aceptacionMetas, modificaMetas: true)),
                 (310, Plan(hasta: .autoevaluacion1))]
            case .entreFormulacionY1:
                [(40, Plan(hasta: .formulacion, rechazoMetas: true)), (30, Plan(hasta: .formulacion)), (30, Plan(hasta: .revisionMetas)),
                 (20, Plan(hasta: .aceptacionMetas, modificaMetas: true)), (880, Plan(hasta: .autoevaluacion1, modificaMetas: true))]
            case .seguimiento1:
                [(20, Plan(hasta: .formulacion, rechazoMetas: true)), (330, Plan(hasta: .autoevaluacion1)),
                 (40, Plan(hasta: .autoevaluacion1, rechazoSeguimiento1: true)), (200, Plan(hasta: .revision1)),
                 (60, Plan(hasta: .aceptacion1)), (50, Plan(hasta: .aceptacion1, modificaSeguimiento1: true)), (300, Plan(hasta: .autoevaluacion2))]
            case .entre1Y2:
                [(15, Plan(hasta: .formulacion, rechazoMetas: true)), (40, Plan(hasta: .autoevaluacion1)),
                 (15, Plan(hasta: .autoevaluacion1, rechazoSeguimiento1: true)), (20, Plan(hasta: .revision1)),
                 (10, Plan(hasta: .aceptacion1, modificaSeguimiento1: true)), (780, Plan(hasta: .autoevaluacion2)),
                 (120, Plan(hasta: .autoevaluacion2, modificaMetas: true, modificaSeguimiento1: true))]
            case .seguimiento2:
                [(150, Plan(hasta: .autoevaluacion2)), (150, Plan(hasta: .revision2)), (150, Plan(hasta: .comportamentales)),
                 (150, Plan(hasta: .aceptacionFinal)), (400, Plan(hasta: .finalizada, modificaSeguimiento1: true))]
            case .despues:
                [(20, Plan(hasta: .autoevaluacion2)), (15, Plan(hasta: .revision2)), (15, Plan(hasta: .comportamentales)),
                 (20, Plan(hasta: .aceptacionFinal)), (800, Plan(hasta: .finalizada)), (130, Plan(hasta: .finalizada, modificaMetas: true))]
            }
        }

        func sortear(_ rng: inout DemoData.Aleatorio) -> Plan {
            let u = rng.entre(0, 999)
            // One in a hundred left the cycle (an encargo in a carrera post, a transfer…) once it had begun.
            if momento != .antes && u < 10 { return Plan(hasta: .cerrada) }
            var acumulado = 0
            for (peso, plan) in mezcla {
                acumulado += peso
                if u < acumulado { return plan }
            }
            return mezcla.last!.1
        }

        /// The named evaluado's stage: a modification by the jefe to accept or not.
        var planDelEvaluado: Plan {
            switch momento {
            case .antes: Plan(hasta: .formulacion, borrador: true)
            case .formulacion, .entreFormulacionY1: Plan(hasta: .aceptacionMetas, modificaMetas: true, reciente: true)
            case .seguimiento1, .entre1Y2: Plan(hasta: .aceptacion1, modificaSeguimiento1: true, reciente: true)
            case .seguimiento2, .despues: Plan(hasta: .aceptacionFinal, reciente: true)
            }
        }

        /// Two of the jefe's people waiting for the jefe, and some sent back.
        var planesDelJefe: [Plan] {
            switch momento {
            case .antes: []
            case .formulacion, .entreFormulacionY1:
                [Plan(hasta: .revisionMetas, reciente: true), Plan(hasta: .revisionMetas), Plan(hasta: .formulacion, rechazoMetas: true)]
            case .seguimiento1, .entre1Y2:
                [Plan(hasta: .revision1, reciente: true), Plan(hasta: .revision1), Plan(hasta: .autoevaluacion1, rechazoSeguimiento1: true),
                 Plan(hasta: .formulacion, rechazoMetas: true, reciente: true)]
            case .seguimiento2, .despues:
                [Plan(hasta: .revision2, reciente: true), Plan(hasta: .comportamentales), Plan(hasta: .finalizada)]
            }
        }
    }

    /// Rows waiting to be inserted, in foreign-key order.
    struct Lote {
        var evaluaciones: [EvaluacionGI] = []
        var eventos: [EventoEvaluacion] = []
        var evidencias: [Evidencia] = []

        mutating func vaciar(on db: any Database) async throws -> Int {
            func insertar<M: Model>(_ xs: [M]) async throws {
                for i in stride(from: 0, to: xs.count, by: 500) { try await xs[i..<min(i + 500, xs.count)].create(on: db) }
            }
            try await insertar(evaluaciones)
            try await insertar(eventos)
            try await insertar(evidencias)
            let n = evaluaciones.count + eventos.count + evidencias.count
            self = Lote()
            return n
        }
    }

    // MARK: - One evaluation

    static let metasTipo: [(String, String, String)] = [
        ("Tramitar dentro de los términos de ley las peticiones ciudadanas asignadas", "Peticiones respondidas a tiempo",
         "Reporte mensual del sistema de correspondencia"),
        ("Elaborar los informes de seguimiento del plan de acción de la dependencia", "Informes trimestrales entregados",
         "Informes radicados en la Oficina Asesora de Planeación"),
        ("Actualizar los expedientes a cargo según las tablas de retención documental", "Expedientes actualizados",
         "Inventario documental (FUID) del semestre"),
        ("Realizar las visitas de inspección, vigilancia y control programadas", "Visitas realizadas según el cronograma",
         "Actas de visita firmadas"),
        ("Apoyar la implementación de las políticas del MIPG a cargo del proceso", "Acciones del autodiagnóstico cumplidas",
         "Autodiagnóstico y plan de acción actualizados"),
        ("Proyectar los actos administrativos de los trámites asignados", "Actos proyectados y revisados",
         "Actos radicados con visto bueno del jefe"),
        ("Capacitar a los servidores de la dependencia en los procedimientos del proceso", "Jornadas de capacitación realizadas",
         "Listas de asistencia y evaluación de la jornada"),
        ("Depurar las bases de datos de los programas a cargo", "Bases de datos depuradas",
         "Certificación de la depuración"),
    ]

    static let metasDependencia = [
        "Plan de acción: atender el 100 % de las peticiones en término",
        "Plan de acción: cumplir el cronograma de inspección, vigilancia y control",
        "Plan institucional de archivos (PINAR)",
        "Plan de acción: implementación del MIPG",
    ]

    static let notas = [
        "Reporte del sistema de correspondencia del trimestre.",
        "Informe de avance radicado en la Oficina Asesora de Planeación.",
        "Actas de las visitas realizadas en el semestre.",
        "Listas de asistencia de las jornadas de capacitación.",
    ]

    static let motivosRechazo = [
        "Los pesos no reflejan la prioridad de las metas del plan de acción; ajuste la meta 1 y el producto esperado.",
        "Falta relacionar las metas con el plan de acción de la dependencia y precisar las evidencias.",
        "El producto de la meta 2 no es verificable: indique el documento o reporte que lo demuestra.",
    ]

    static let motivosRechazoSeguimiento = [
        "El porcentaje logrado de la meta 1 no corresponde con las evidencias cargadas; revíselo.",
        "Faltan las evidencias del avance de la meta 2.",
    ]

    /// Builds one evaluation along `FlujoGI`'s arrows up to `plan.hasta` or as far as the demo's date
    /// allows, one working day or more between steps.
    static func construir(_ s: DemoData.Persona, plan: Plan, vigencia v: VigenciaGI, terminos: TerminosGI, entidadID: UUID, thNombre: String,
                          nombres: [UUID: String], hoy: Fecha, rng: inout DemoData.Aleatorio, lote: inout Lote) -> EstadoGI {
        let d = terminos.definicion
        let cal = terminos.calendario
        let ev = EvaluacionGI()
        ev.id = UUID()
        ev.$entidad.id = entidadID
        ev.$vigencia.id = v.id!
        ev.$servidor.id = s.id
        ev.$jefe.id = s.jefe
        ev.$dependencia.id = s.dependencia
        ev.vinculacion = s.vinculacion
        ev.nivel = s.nivel
        let llegada = s.posesion.flatMap { $0 > v.periodo.inicio ? $0 : nil }
        ev.posesion = llegada?.iso
        ev.estado = .formulacion
        ev.metas = []
        ev.competencias = []
        ev.version = 0
        let evID = ev.id!
        let jefe = s.jefe.flatMap { nombres[$0] } ?? "Jefe inmediato"
        let abierta = v.plan[DefinicionGI.etapaFormulacion]?.inicio ?? v.periodo.inicio
        var fecha = max(abierta, llegada ?? abierta)
        ev.etapaDesde = min(fecha, hoy).iso
        var ultimo = fecha

        /// Moves along one arrow of the table on the next working day from `desde` (or later by up to
        /// `holgura` días hábiles); false when that would be after the demo's date.
        func paso(_ accion: AccionGI, _ rol: RolGI, desde: Fecha? = nil, holgura: Int = 5, _ detalle: String) -> Bool {
            guard let hacia = try? FlujoGI.flujo.transicion(desde: ev.estado, rol: rol, accion: accion) else { return false }
            var base = max(ultimo, desde ?? ultimo)
            var holgura = holgura
            if plan.reciente && hacia == plan.hasta {
                base = max(base, cal.sumarDiasHabiles(-2, desde: hoy))
                holgura = 0
            }
            let f = cal.sumarDiasHabiles(1 + rng.entre(0, holgura), desde: base)
            guard f <= hoy else { return false }
            let e = EventoEvaluacion()
            e.instrumento = .gestionInstitucional
            e.evaluacionID = evID
            e.$entidad.id = entidadID
            e.fecha = f.iso
            e.accion = accion.rawValue
            e.rol = rol.rawValue
            e.actorNombre = rol == .evaluado ? s.nombre : (rol == .jefe ? jefe : thNombre)
            e.estadoDesde = ev.estado.rawValue
            e.estadoHacia = hacia.rawValue
            e.detalle = detalle
            lote.eventos.append(e)
            if hacia != ev.estado { ev.etapaDesde = f.iso }
            ev.estado = hacia
            ev.version += 1
            ultimo = f
            fecha = f
            return true
        }
        func terminar() -> EstadoGI {
            lote.evaluaciones.append(ev)
            return ev.estado
        }

        // The metas: 2 to 5, weights summing 100, agreed percentages per seguimiento.
        func formular() -> [MetaGI] {
            let n = rng.entre(2, 5)
            let pesos = rng.elegir(DemoEDL.repartos[n]!)
            var usados = Set<Int>()
            return pesos.map { peso in
                var k = rng.entre(0, metasTipo.count - 1)
                while usados.contains(k) { k = (k + 1) % metasTipo.count }
                usados.insert(k)
                let t = metasTipo[k]
                let p1 = rng.elegir([40, 50, 50, 60])
                return MetaGI(id: UUID().uuidString.lowercased(), descripcion: t.0, producto: t.1, evidencias: t.2, peso: Puntaje(peso),
                              pactado1: Puntaje(p1), pactado2: .cien,
                              metaDependencia: rng.entre(0, 2) == 0 ? rng.elegir(metasDependencia) : nil)
            }
        }
        if plan.hasta == .cerrada {
            ev.metas = formular()
            ev.motivo = rng.elegir(["Encargo en un empleo de carrera administrativa: pasa a la evaluación del desempeño laboral.",
                                    "Traslado a otra entidad antes del primer seguimiento."])
            _ = paso(.cerrar, .talentoHumano, holgura: 40, ev.motivo!)
            return terminar()
        }
        if plan.hasta == .formulacion && !plan.rechazoMetas {
            if plan.borrador { ev.metas = formular() }
            return terminar()
        }

        // Activities 4–6: formulate, send, the jefe's answer, the evaluado's acceptance.
        var metas = formular()
        ev.metas = metas
        let calidad = rng.entre(0, 99) < 6 ? rng.entre(45, 75) : rng.entre(80, 100)
        guard paso(.enviarMetas, .evaluado, holgura: 15, "Metas enviadas al jefe inmediato para su aprobación.") else { return terminar() }
        ev.enviadaEl = fecha.iso
        if plan.rechazoMetas {
            let motivo = rng.elegir(motivosRechazo)
            guard paso(.rechazar, .jefe, "Rechazado y devuelto: \(motivo)") else { return terminar() }
            ev.motivo = motivo
            ev.revisadaEl = fecha.iso
            if plan.hasta == .formulacion { return terminar() }
            metas[0].producto += " (con el reporte mensual)"
            ev.metas = metas
            guard paso(.enviarMetas, .evaluado, "Metas enviadas al jefe inmediato para su aprobación.") else { return terminar() }
            ev.motivo = nil
            ev.enviadaEl = fecha.iso
        }
        if plan.hasta == .revisionMetas { return terminar() }
        /// The jefe's answer: a modification (kept with what it replaced, for the evaluado to compare) or an approval.
        func responder(modifica: Bool, _ cambio: (inout [MetaGI]) -> Void, aprobado: String) -> Bool {
            if modifica {
                var nuevas = metas
                cambio(&nuevas)
                let cambios = MetasGI.diferencias(antes: metas, despues: nuevas)
                guard paso(.modificar, .jefe, "Modificado por el jefe inmediato: " + cambios.map { "\($0.campo) de «\($0.meta)»: \($0.antes) → \($0.despues)" }
                    .joined(separator: "; ") + ".") else { return false }
                ev.metasPrevias = metas
                ev.modificada = true
                metas = nuevas
                ev.metas = metas
            } else {
                guard paso(.aprobar, .jefe, aprobado) else { return false }
                ev.modificada = false
            }
            ev.revisadaEl = fecha.iso
            return true
        }
        let pesos: (inout [MetaGI]) -> Void = { nuevas in
            nuevas[0].peso = Puntaje(centesimas: nuevas[0].peso.centesimas + 500)
            nuevas[1].peso = Puntaje(centesimas: nuevas[1].peso.centesimas - 500)
            nuevas[1].pactado1 = Puntaje(min(100, nuevas[1].pactado1.centesimas / 100 + 10))
        }
        guard responder(modifica: plan.modificaMetas && metas.count >= 2, pesos, aprobado: "Metas aprobadas por el jefe inmediato.") else {
            return terminar()
        }
        if plan.hasta == .aceptacionMetas { return terminar() }
        guard paso(.aceptar, .evaluado, holgura: 2, "Metas y objetivos aceptados por el evaluado.") else { return terminar() }
        ev.metasPrevias = nil
        ev.modificada = nil

        // Evidencias of the first semester, on some evaluations.
        func evidencias(_ k: Int, hasta limite: Fecha) {
            for _ in 0..<k where fecha < limite {
                let e = Evidencia()
                e.instrumento = .gestionInstitucional
                e.evaluacionID = evID
                e.$entidad.id = entidadID
                e.referenciaID = UUID(uuidString: rng.elegir(metas).id)
                e.fecha = min(limite, cal.sumarDiasHabiles(1 + rng.entre(0, max(0, cal.diasHabiles(desde: fecha, hasta: limite) - 1)), desde: fecha)).iso
                e.autorRol = RolGI.evaluado.rawValue
                e.nota = rng.elegir(notas)
                e.tamano = 0
                e.esObservacion = false
                lote.evidencias.append(e)
            }
        }
        let s1 = v.plan[DefinicionGI.etapaSeguimiento1], s2 = v.plan[DefinicionGI.etapaSeguimiento2]
        if rng.entre(0, 99) < 40 { evidencias(rng.entre(1, 2), hasta: min(hoy, s1?.inicio ?? hoy)) }
        if plan.hasta == .autoevaluacion1 && !plan.rechazoSeguimiento1 { return terminar() }

        // Activities 8–10: the first seguimiento.
        func lograr(_ seg: Int) {
            for i in metas.indices {
                let pactado = metas[i].pactado(seg).centesimas / 100
                let l = Puntaje(min(100, max(0, pactado * min(100, calidad + rng.entre(-10, 10)) / 100)))
                if seg == 1 { metas[i].logrado1 = l } else { metas[i].logrado2 = l }
            }
            ev.metas = metas
        }
        lograr(1)
        func enviar(_ seg: Int, ventana: Periodo?) -> Bool {
            let r = CalificacionGI.seguimiento(metas, seg)
            guard paso(.enviarAutoevaluacion, .evaluado, desde: ventana.map { cal.sumarDiasHabiles(-1, desde: $0.inicio) }, holgura: 12,
                       "Autoevaluación del \(seg == 1 ? "primer" : "segundo") seguimiento enviada\(r.map { ": \($0.texto) %" } ?? "").") else { return false }
            ev.enviadaEl = fecha.iso
            ev.motivo = nil
            return true
        }
        guard enviar(1, ventana: s1) else { return terminar() }
        if plan.rechazoSeguimiento1 {
            let motivo = rng.elegir(motivosRechazoSeguimiento)
            guard paso(.rechazar, .jefe, "Rechazado y devuelto: \(motivo)") else { return terminar() }
            ev.motivo = motivo
            ev.revisadaEl = fecha.iso
            if plan.hasta == .autoevaluacion1 { return terminar() }
            guard enviar(1, ventana: nil) else { return terminar() }
        }
        if plan.hasta == .revision1 { return terminar() }
        let logro: (inout [MetaGI]) -> Void = { nuevas in
            let l = nuevas[0].logrado1 ?? .cero
            nuevas[0].logrado1 = Puntaje(centesimas: l > Puntaje(10) ? l.centesimas - 1000 : l.centesimas + 1000)
        }
        guard responder(modifica: plan.modificaSeguimiento1, logro, aprobado: "Autoevaluación aprobada por el jefe inmediato.") else {
            return terminar()
        }
        if plan.hasta == .aceptacion1 { return terminar() }
        let seguimiento1 = CalificacionGI.seguimiento(metas, 1)
        guard paso(.aceptar, .evaluado, holgura: 2, "Primer seguimiento aceptado\(seguimiento1.map { ": \($0.texto) %" } ?? "").") else { return terminar() }
        ev.seguimiento1 = seguimiento1?.centesimas
        ev.metasPrevias = nil
        ev.modificada = nil
        if rng.entre(0, 99) < 30 { evidencias(rng.entre(1, 2), hasta: min(hoy, s2?.inicio ?? hoy)) }
        if plan.hasta == .autoevaluacion2 { return terminar() }

        // Activities 12–15: the second seguimiento, the competencias, the final acceptance.
        lograr(2)
        guard enviar(2, ventana: s2) else { return terminar() }
        if plan.hasta == .revision2 { return terminar() }
        guard paso(.aprobar, .jefe, "Autoevaluación aprobada por el jefe inmediato.") else { return terminar() }
        ev.revisadaEl = fecha.iso
        ev.modificada = false
        if plan.hasta == .comportamentales { return terminar() }
        var disponibles = CatalogoCompetencias.disponibles(para: s.nivel)
        let cantidad = d.comportamentales?.cantidad ?? Rango(3, 5)
        var competencias: [EvaluacionGI.Competencia] = []
        for _ in 0..<min(disponibles.count, rng.entre(cantidad.minimo, cantidad.maximo)) {
            let c = disponibles.remove(at: rng.entre(0, disponibles.count - 1))
            competencias.append(.init(codigo: c.codigo, nombre: c.nombre, puntaje: Puntaje(min(100, max(40, calidad + rng.entre(-8, 8))))))
        }
        ev.competencias = competencias.sorted { $0.codigo < $1.codigo }
        let resultado = CalificacionGI.resultado(metas: metas, comportamentales: ev.competencias.compactMap(\.puntaje), definicion: d)
        guard paso(.calificarComportamentales, .jefe, holgura: 3, "Competencias comportamentales calificadas; resultado: \(resultado?.texto ?? "—").")
        else {
            ev.competencias = []
            return terminar()
        }
        ev.revisadaEl = fecha.iso
        if plan.hasta == .aceptacionFinal { return terminar() }
        let nivel = resultado.map { d.base.escala.nivel(para: $0).nombre }
        guard paso(.aceptar, .evaluado, holgura: 2, "Resultado aceptado: \(resultado?.texto ?? "—") (\(nivel ?? "—")). Fin del proceso.") else { return terminar() }
        ev.seguimiento2 = CalificacionGI.seguimiento(metas, 2)?.centesimas
        ev.resultado = resultado?.centesimas
        ev.nivelEscala = nivel
        ev.finalizadaEl = fecha.iso
        ev.modificada = nil
        return terminar()
    }
}
