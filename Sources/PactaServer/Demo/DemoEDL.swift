import Fluent
import Foundation
import PactaCore
import Vapor

/// The EDL part of the demo entity: an instrument from the CNSC preset, the annual period that
/// contains the demo's date (in follow-up: por concertar, por firmar, en seguimiento with the first
/// semester rated, parciales eventuales, evidencias) and the previous one (rated: en firme, with the
/// stragglers still por aprobar en comisión, por notificar, notificadas or en recurso).
///
/// Rows are inserted directly, in batches, inside one transaction (the per-evaluation services
/// would take hours at 50 000 servants), but every score comes from `Calificacion` and
/// `Consolidacion`, every level from the preset's `Escala`, every deadline from `Terminos`, and
/// every stage has the events and stretches the services would have left.
enum DemoEDL {
    static let usuarioComision = "demo.comision"

    struct Resultado: Sendable {
        let yaExistia: Bool
        let periodos: [String]
        let porEstado: [EstadoEDL: Int]
        let filas: Int
        let segundos: Double
        let cuentaComisionCreada: Bool
    }

    /// The stage an evaluation is left at, with what varies inside it.
    enum Plan: Equatable {
        case porConcertar(borrador: Bool)
        case porFirmar
        case seguimiento(parcial: Bool, semestrePendiente: Bool, evidencias: Int, archivo: Bool)
        case porAprobarComision, calificada, notificada, enReposicion, enApelacion
        case enFirme(renuncia: Bool)
    }

    static func cargar(_ app: Application, hoy: Fecha) async throws -> Resultado {
        let inicio = Date()
        guard let entidad = try await Entidad.query(on: app.db).filter(\.$sigla == DemoData.sigla).first() else {
            throw PactaError.conflicto("Primero cargue la entidad de demostración.")
        }
        let eid = entidad.id!
        if try await PeriodoEDL.query(on: app.db).filter(\.$entidad.$id == eid).count() > 0 {
            let n = try await EvaluacionEDL.query(on: app.db).filter(\.$entidad.$id == eid).count()
            return Resultado(yaExistia: true, periodos: [], porEstado: [:], filas: n, segundos: 0, cuentaComisionCreada: false)
        }
        let hash = try await app.password.async.hash(DemoData.contrasena)
        return try await app.db.escribir { db in
            try await generar(entidadID: eid, hoy: hoy, hashComision: hash, inicio: inicio, on: db)
        }
    }

    // MARK: - Generation

    static func generar(entidadID eid: UUID, hoy: Fecha, hashComision: String, inicio: Date, on db: any Database) async throws -> Resultado {
        var rng = DemoData.Aleatorio(estado: 4_815_162_342)
        let def = PresetEDL.cnscSistemaTipo2018.definicion
        let calendario = try await CalendarioService.calendario(eid, on: db)
        let terminos = Terminos(definicion: def, calendario: calendario)

        let personas = try await DemoData.personas(eid, on: db)
        let nombres = Dictionary(uniqueKeysWithValues: personas.map { ($0.id, $0.nombre) })
        let usuarios = Dictionary(uniqueKeysWithValues: try await Usuario.query(on: db).filter(\.$entidad.$id == eid).all()
            .map { ($0.nombreUsuario, $0) })
        guard let th = usuarios["demo.th"], let jefeID = usuarios["demo.jefe"]?.$servidor.id,
              let evaluadoID = usuarios["demo.evaluado"]?.$servidor.id else {
            throw PactaError.conflicto("Faltan las cuentas de demostración (demo.th, demo.jefe, demo.evaluado).")
        }
        let jefes = Set(personas.compactMap(\.jefe))
        var comisionID = usuarios[usuarioComision]?.$servidor.id
        var cuentaCreada = false
        if comisionID == nil {
            // An LNR servant who evaluates nobody: the asesor of the despacho.
            let conCuenta = Set(usuarios.values.compactMap { $0.$servidor.id })
            let candidatos = personas.filter { $0.vinculacion == .libreNombramiento && !jefes.contains($0.id) && !conCuenta.contains($0.id) }
            guard let c = candidatos.first(where: { $0.nivel == .asesor }) ?? candidatos.first else {
                throw PactaError.conflicto("La demostración no tiene un servidor de libre nombramiento para la comisión evaluadora.")
            }
            comisionID = c.id
            if usuarios[usuarioComision] == nil {
                try await Usuario(entidadID: eid, nombreUsuario: usuarioComision, nombre: c.nombre, passwordHash: hashComision,
                                  rol: .servidor, servidorID: c.id).create(on: db)
                cuentaCreada = true
            }
        }
        let comision = comisionID!

        // Instrument and periods: the one containing `hoy` and the one before it.
        let instrumento = InstrumentoEDL()
        instrumento.$entidad.id = eid
        instrumento.origen = PresetEDL.cnscSistemaTipo2018.rawValue
        instrumento.activo = true
        try instrumento.asignar(def)
        try await instrumento.create(on: db)
        let plantilla = def.periodos[0]
        guard let anio = [hoy.anio, hoy.anio - 1].first(where: { plantilla.fechas(anio: $0)?.periodo.contiene(hoy) == true }) else {
            throw PactaError.conflicto("Ningún período del instrumento contiene el \(hoy.texto).")
        }
        func periodo(_ a: Int) async throws -> PeriodoEDL {
            let f = plantilla.fechas(anio: a)!
            let p = PeriodoEDL()
            p.$entidad.id = eid
            p.$instrumento.id = instrumento.id!
            p.nombre = "\(plantilla.nombre) \(f.periodo.inicio.anio == f.periodo.fin.anio ? "\(a)" : "\(a)–\(a + 1)")"
            p.plantilla = plantilla.codigo
            p.anio = a
            p.inicio = f.periodo.inicio.iso
            p.fin = f.periodo.fin.iso
            p.tramosJSON = String(decoding: try JSONEncoder().encode(f.tramos.map {
                PeriodoEDL.Tramo(nombre: $0.nombre, inicio: $0.periodo.inicio, fin: $0.periodo.fin) }), as: UTF8.self)
            p.definicionJSON = instrumento.definicionJSON
            p.$abiertoPor.id = th.id
            try await p.create(on: db)
            return p
        }
        let anterior = try await periodo(anio - 1)
        let actual = try await periodo(anio)

        // Who is evaluated, and the stages the named accounts need.
        let evaluados = personas.filter { def.vinculaciones.contains($0.vinculacion) }.sorted { $0.documento < $1.documento }
        // Carrera servants (not in período de prueba) for the picks: their stretches follow the semesters.
        let equipoJefe = evaluados.filter { $0.jefe == jefeID && $0.id != evaluadoID && $0.vinculacion == .carrera }.map(\.id)
        var planActual: [UUID: Plan] = [evaluadoID: .porFirmar]
        for (i, p) in [Plan.porConcertar(borrador: false), .porConcertar(borrador: false),
                       .seguimiento(parcial: false, semestrePendiente: true, evidencias: 2, archivo: true)].enumerated()
            where i < equipoJefe.count { planActual[equipoJefe[i]] = p }
        var planAnterior: [UUID: Plan] = [evaluadoID: .notificada]
        for (i, p) in [Plan.enReposicion, .enApelacion, .porAprobarComision, .calificada].enumerated()
            where i < equipoJefe.count { planAnterior[equipoJefe[i]] = p }
        var bajos = Set<UUID>()
        // One No satisfactoria en firme (insubsistencia) and one more reposición, outside the jefe's team.
        let otros = evaluados.filter { $0.jefe != jefeID && $0.id != evaluadoID && $0.jefe != nil && $0.vinculacion == .carrera }.map(\.id)
        if let a = otros.first { planAnterior[a] = .enFirme(renuncia: false); bajos.insert(a) }
        if otros.count > 1 { planAnterior[otros[1]] = .enReposicion; bajos.insert(otros[1]) }
        // At least one evaluación parcial eventual (cambio de jefe) whatever the size.
        if otros.count > 2 { planActual[otros[2]] = .seguimiento(parcial: true, semestrePendiente: false, evidencias: 1, archivo: false) }
        let otrosJefes = Array(jefes.subtracting([comision])).sorted { $0.uuidString < $1.uuidString }

        var lote = Lote()
        var porEstado: [EstadoEDL: Int] = [:]
        var filas = 0
        for (periodoEDL, esActual) in [(anterior, false), (actual, true)] {
            let fechas = plantilla.fechas(anio: periodoEDL.anio)!
            let finSemestre1 = fechas.tramos.first!.periodo.fin
            for s in evaluados {
                // The same coverage rules as opening a period.
                let enPrueba = s.vinculacion == .periodoDePrueba
                var ini = max(fechas.periodo.inicio, s.posesion ?? fechas.periodo.inicio)
                var fin = fechas.periodo.fin
                if enPrueba, let posesion = s.posesion {
                    ini = posesion
                    fin = PeriodoDePrueba.fin(posesion: posesion, interrupciones: [], meses: def.mesesPeriodoDePrueba,
                                              diasInterrupcion: def.diasInterrupcionPrueba)
                    if fin < fechas.periodo.inicio || ini > fechas.periodo.fin { continue }
                }
                guard let cubre = Periodo(inicio: ini, fin: fin),
                      Consolidacion.seCalificaEnElPeriodo(diasLaborados: cubre.dias, diasMinimos: def.diasMinimosTramo) else { continue }

                var plan: Plan
                var bajo = bajos.contains(s.id) && !esActual
                if esActual {
                    plan = planActual[s.id] ?? {
                        let u = rng.entre(0, 999)
                        if u < 100 { return .porConcertar(borrador: rng.entre(0, 1) == 0) }
                        if u < 160 { return .porFirmar }
                        let ev = rng.entre(0, 99) < 35 ? rng.entre(1, 3) : 0
                        return .seguimiento(parcial: rng.entre(0, 99) < 4, semestrePendiente: rng.entre(0, 99) < 5,
                                            evidencias: ev, archivo: ev > 0 && rng.entre(0, 99) < 8)
                    }()
                } else {
                    plan = planAnterior[s.id] ?? {
                        let u = rng.entre(0, 999)
                        if u < 10 { return .porAprobarComision }
                        if u < 20 { return .calificada }
                        if u < 30 { return .notificada }
                        return .enFirme(renuncia: rng.entre(0, 99) < 30)
                    }()
                    // A few low scores; only the designated one becomes a No satisfactoria en firme.
                    if planAnterior[s.id] == nil && rng.entre(0, 999) < 20 {
                        bajo = true
                        if case .enFirme = plan { plan = .notificada }
                    }
                }
                if s.jefe == nil { plan = .porConcertar(borrador: false) }
                // Nothing is rated before the stretch ends; nothing concerted before it starts.
                if cubre.inicio > hoy { plan = .porConcertar(borrador: false) }
                if !esActual && cubre.fin >= hoy {
                    if case .porConcertar = plan {} else {
                        plan = .seguimiento(parcial: false, semestrePendiente: false, evidencias: 0, archivo: false)
                    }
                }

                let estado = try construir(
                    s, plan: plan, bajo: bajo, cubre: cubre, enPrueba: enPrueba, finSemestre1: finSemestre1, periodo: periodoEDL,
                    entidadID: eid, comision: comision, otrosJefes: otrosJefes, thNombre: th.nombre, thID: th.id,
                    nombres: nombres, hoy: hoy, def: def, terminos: terminos, calendario: calendario, rng: &rng, lote: &lote)
                porEstado[estado, default: 0] += 1
                if lote.evaluaciones.count >= 500 { filas += try await lote.vaciar(on: db) }
            }
        }
        filas += try await lote.vaciar(on: db)
        let total = porEstado.values.reduce(0, +)
        try await AuditLog.registrar(on: db, actor: nil, accion: "cargar EDL de demostración", tipo: "instrumento_edl",
                                     id: instrumento.id!.uuidString, antes: Optional<Nada>.none,
                                     despues: ["periodos": "\(anterior.nombre), \(actual.nombre)", "evaluaciones": "\(total)"], entidadID: eid)
        return Resultado(yaExistia: false, periodos: [anterior.nombre, actual.nombre], porEstado: porEstado, filas: filas,
                         segundos: Date().timeIntervalSince(inicio), cuentaComisionCreada: cuentaCreada)
    }

    /// Rows waiting to be inserted, in foreign-key order.
    struct Lote {
        var evaluaciones: [EvaluacionEDL] = []
        var compromisos: [CompromisoLaboral] = []
        var situaciones: [SituacionAdministrativa] = []
        var tramos: [TramoEDL] = []
        var eventos: [EventoEvaluacion] = []
        var evidencias: [Evidencia] = []
        var recursos: [RecursoEDL] = []

        mutating func vaciar(on db: any Database) async throws -> Int {
            func insertar<M: Model>(_ xs: [M]) async throws {
                for i in stride(from: 0, to: xs.count, by: 500) { try await xs[i..<min(i + 500, xs.count)].create(on: db) }
            }
            try await insertar(evaluaciones)
            try await insertar(compromisos)
            try await insertar(situaciones)
            try await insertar(tramos)
            try await insertar(eventos)
            try await insertar(evidencias)
            try await insertar(recursos)
            let n = evaluaciones.count + compromisos.count + situaciones.count + tramos.count + eventos.count + evidencias.count + recursos.count
            self = Lote()
            return n
        }
    }

    // MARK: - One evaluation

    static let compromisosTipo: [(String, String, String, String)] = [
        ("Elaborar", "los informes mensuales de seguimiento de los trámites a cargo de la dependencia",
         "dentro de los cinco primeros días hábiles de cada mes, conforme al procedimiento vigente", "Informes radicados"),
        ("Tramitar", "las solicitudes y peticiones ciudadanas asignadas en el sistema de gestión documental",
         "dentro de los términos de ley, sin vencimientos", "Reporte del sistema de correspondencia"),
        ("Actualizar", "las bases de datos y expedientes de los procesos a cargo",
         "con la información completa y verificada, cada trimestre", "Actas de verificación"),
        ("Apoyar", "la formulación y el seguimiento del plan de acción de la dependencia",
         "con los reportes trimestrales entregados a la Oficina Asesora de Planeación", "Reportes trimestrales"),
        ("Realizar", "las visitas de inspección, vigilancia y control programadas",
         "cumpliendo el cronograma aprobado y con el acta de cada visita", "Actas de visita"),
        ("Revisar", "los documentos y actos administrativos proyectados por el equipo",
         "con observaciones en un máximo de tres días hábiles", "Correos y documentos revisados"),
        ("Organizar", "el archivo de gestión de la dependencia según las tablas de retención documental",
         "con el inventario documental actualizado al cierre de cada semestre", "Inventario FUID"),
        ("Capacitar", "a los servidores de la dependencia en los procedimientos del proceso",
         "con al menos dos jornadas por semestre y su evaluación", "Listas de asistencia"),
    ]

    static let repartos: [Int: [[Int]]] = [
        1: [[100]], 2: [[60, 40], [50, 50]], 3: [[40, 30, 30], [34, 33, 33], [50, 25, 25]],
        4: [[25, 25, 25, 25], [30, 30, 20, 20], [40, 20, 20, 20]], 5: [[20, 20, 20, 20, 20], [30, 20, 20, 15, 15]],
    ]

    static let notas = [
        "Informe de avance del compromiso radicado en el sistema de gestión documental.",
        "Acta de reunión de seguimiento con el equipo de la dependencia.",
        "Reporte trimestral enviado a la Oficina Asesora de Planeación.",
        "Correo de aprobación del jefe inmediato sobre el entregable.",
        "Lista de asistencia de la jornada de capacitación realizada.",
    ]

    /// Builds one evaluation at the stage of `plan` with consistent dates, scores and history.
    static func construir(_ s: DemoData.Persona, plan: Plan, bajo: Bool, cubre: Periodo, enPrueba: Bool, finSemestre1: Fecha,
                          periodo: PeriodoEDL, entidadID: UUID, comision: UUID, otrosJefes: [UUID], thNombre: String, thID: UUID?,
                          nombres: [UUID: String], hoy: Fecha, def: DefinicionEDL, terminos: Terminos, calendario cal: Calendario,
                          rng: inout DemoData.Aleatorio, lote: inout Lote) throws -> EstadoEDL {
        var plan = plan
        let ev = EvaluacionEDL()
        ev.id = UUID()
        ev.$entidad.id = entidadID
        ev.$periodo.id = periodo.id!
        ev.$servidor.id = s.id
        ev.$evaluador.id = s.jefe
        ev.$comision.id = comision
        ev.$dependencia.id = s.dependencia
        ev.enPrueba = enPrueba
        ev.inicio = cubre.inicio.iso
        ev.fin = cubre.fin.iso
        let venceConcertacion = terminos.concertacion(inicioPeriodo: cubre.inicio, posesion: nil)
        ev.venceConcertacion = venceConcertacion.iso
        ev.nivel = s.nivel
        ev.vinculacion = s.vinculacion
        ev.pesoTotal = 10_000
        ev.esExtraordinaria = false
        ev.version = 1
        ev.estado = .porConcertar
        ev.comportamentalesJSON = "[]"
        let evaluador = s.jefe.flatMap { nombres[$0] } ?? "Evaluador"
        let comisionNombre = nombres[comision] ?? "Comisión evaluadora"
        let evID = ev.id!

        func evento(_ fecha: Fecha, _ accion: String, _ rol: RolEDL?, _ actor: String, _ desde: EstadoEDL, _ hacia: EstadoEDL, _ detalle: String = "") {
            let e = EventoEvaluacion()
            e.instrumento = .edl
            e.evaluacionID = evID
            e.$entidad.id = entidadID
            e.fecha = fecha.iso
            e.accion = accion
            e.rol = rol?.rawValue ?? "sistema"
            e.actorNombre = actor
            e.estadoDesde = desde.rawValue
            e.estadoHacia = hacia.rawValue
            e.detalle = detalle
            lote.eventos.append(e)
        }
        /// A working day between `a` and `b` (or `b` itself when none is).
        func dia(_ a: Fecha, _ b: Fecha) -> Fecha {
            guard b > a else { return a }
            let d = a.sumandoDias(rng.entre(0, a.dias(hasta: b)))
            let habil = cal.siguienteHabil(desde: d)
            return habil <= b ? habil : d
        }

        // Compromisos (a draft, or the signed ones) and comportamentales.
        var compromisos: [CompromisoLaboral] = []
        func redactar() {
            let rango = enPrueba ? def.funcionalesEnPrueba : def.funcionales
            let n = enPrueba ? rng.entre(max(2, rango.minimo), rango.maximo) : rng.entre(3, min(5, rango.maximo))
            let pesos = rng.elegir(repartos[n]!)
            var usados = Set<Int>()
            for (i, peso) in pesos.enumerated() {
                var k = rng.entre(0, compromisosTipo.count - 1)
                while usados.contains(k) { k = (k + 1) % compromisosTipo.count }
                usados.insert(k)
                let t = compromisosTipo[k]
                let c = CompromisoLaboral()
                c.id = UUID()
                c.$evaluacion.id = evID
                c.orden = i + 1
                c.verbo = t.0
                c.objeto = t.1
                c.condicion = t.2
                c.evidencias = t.3
                c.peso = peso * 100
                c.vigente = true
                compromisos.append(c)
            }
            var disponibles = CatalogoCompetencias.disponibles(para: s.nivel).map(\.codigo)
            var elegidas: [String] = []
            for _ in 0..<rng.entre(def.comportamentales.minimo, min(def.comportamentales.maximo, disponibles.count)) {
                elegidas.append(disponibles.remove(at: rng.entre(0, disponibles.count - 1)))
            }
            ev.comportamentales = elegidas
            lote.compromisos.append(contentsOf: compromisos)
        }

        // Ratings: a quality per evaluation, the noise per stretch and compromiso.
        // Bounds chosen so that only `bajo` evaluations can fall in No satisfactorio (≤ 65): with
        // cumplimientos ≥ 70 and ≥ 10 points the score is ≥ 69,5; with ≤ 60 and ≤ 8 it is ≤ 59.
        let calidad = bajo ? rng.entre(35, 52) : min(100, max(78, 90 + rng.entre(-6, 6) + rng.entre(-6, 6) + rng.entre(-4, 6)))
        func calificar(_ p: Periodo, motivo: MotivoParcial, el fecha: Fecha, por: UUID?, vence: Fecha? = nil,
                       situacion: UUID? = nil) -> TramoCalificado {
            var funcionales: [Calificacion.Funcional] = []
            var registro: [TramoEDL.Cumplimiento] = []
            for c in compromisos {
                let v = Puntaje(min(100, max(0, calidad + rng.entre(-8, 8))))
                funcionales.append(.init(peso: Puntaje(centesimas: c.peso), cumplimiento: v))
                registro.append(.init(compromisoId: c.id!, cumplimiento: v))
            }
            let puntos = min(def.puntosComportamentales.maximo, max(def.puntosComportamentales.minimo,
                                                                     calidad * def.puntosComportamentales.maximo / 100 + rng.entre(-1, 1)))
            let puntaje = Calificacion.puntaje(funcionales: funcionales, puntosComportamentales: puntos, definicion: def)
            let t = TramoEDL()
            t.$evaluacion.id = evID
            t.motivo = motivo
            t.estado = .calificado
            t.desde = p.inicio.iso
            t.hasta = p.fin.iso
            t.dias = Consolidacion.diasLaborados(p, separaciones: [], diasMinimos: def.diasMinimosTramo)
            t.vence = vence?.iso
            t.puntaje = puntaje.centesimas
            t.puntosComportamentales = puntos
            t.cumplimientosJSON = String(decoding: (try? JSONEncoder().encode(registro)) ?? Data("[]".utf8), as: UTF8.self)
            t.observaciones = motivo == .lapsoFinal ? "" : "Calificación del lapso según el portafolio de evidencias."
            t.calificadoEl = fecha.iso
            t.$evaluador.id = por
            t.$situacion.id = situacion
            lote.tramos.append(t)
            let accion = motivo == .lapsoFinal ? AccionEDL.calificarDefinitiva.nombre : AccionEDL.calificarParcial.nombre
            let hacia: EstadoEDL = motivo == .lapsoFinal ? .porAprobarComision : .enSeguimiento
            evento(fecha, accion.prefix(1).uppercased() + accion.dropFirst(), .evaluador, por.flatMap { nombres[$0] } ?? evaluador,
                   .enSeguimiento, hacia,
                   "\(motivo.nombre): del \(p.inicio.texto) al \(p.fin.texto), \(t.dias) días, \(puntaje.texto) puntos.")
            return TramoCalificado(periodo: p, dias: t.dias, puntaje: puntaje)
        }

        // Concertación.
        if case .porConcertar(let borrador) = plan {
            if borrador { redactar() }
            lote.evaluaciones.append(ev)
            return .porConcertar
        }
        redactar()
        let limiteConcertacion = min(venceConcertacion, hoy)
        let enviada = dia(cubre.inicio, limiteConcertacion)
        evento(enviada, "Enviar los compromisos a firma", .evaluador, evaluador, .porConcertar, .porFirmar,
               "Compromisos enviados al evaluado para su firma.")
        if plan == .porFirmar {
            ev.estado = .porFirmar
            lote.evaluaciones.append(ev)
            return .porFirmar
        }
        let firmada = dia(enviada, min(limiteConcertacion, enviada.sumandoDias(3)))
        ev.modoFijacion = .concertados
        ev.concertadaEl = firmada.iso
        ev.estado = .enSeguimiento
        evento(firmada, "Firmar los compromisos", .evaluado, s.nombre, .porFirmar, .enSeguimiento,
               "Compromisos concertados: firmados por el evaluado y el evaluador.")

        // Follow-up: evidencias and the stretches rated so far.
        var evidencias = 0, archivo = false, parcial = false, semestrePendiente = false
        if case .seguimiento(let p, let sp, let e, let a) = plan { (parcial, semestrePendiente, evidencias, archivo) = (p, sp, e, a) }
        let ultimoDia = min(hoy, cubre.fin)
        for i in 0..<evidencias where firmada < ultimoDia {
            let e = Evidencia()
            e.instrumento = .edl
            e.evaluacionID = evID
            e.$entidad.id = entidadID
            e.referenciaID = compromisos[rng.entre(0, compromisos.count - 1)].id
            e.fecha = dia(firmada, ultimoDia).iso
            e.autorRol = RolEDL.evaluado.rawValue
            e.nota = rng.elegir(notas)
            e.tamano = 0
            e.esObservacion = false
            if archivo && i == 0 {
                let texto = "Informe de avance\nServidor: \(s.nombre)\nCompromiso \(1 + i): cumplido según el cronograma.\n"
                e.nombreArchivo = "informe-avance.txt"
                e.tipoContenido = "text/plain"
                e.contenido = Data(texto.utf8)
                e.tamano = texto.utf8.count
            }
            lote.evidencias.append(e)
        }
        var calificados: [TramoCalificado] = []
        var desde = cubre.inicio
        let cortes = enPrueba ? [] : periodo.tramos.map(\.fin).filter { $0 < cubre.fin && $0 >= cubre.inicio }
        let corteSemestre = cortes.first ?? cubre.fin
        if parcial, !otrosJefes.isEmpty {
            // Cambio de jefe: the previous evaluador rated the stretch before leaving.
            let minimo = max(firmada.sumandoDias(1), cubre.inicio.sumandoDias(45))
            let maximo = min(hoy, corteSemestre.sumandoDias(-45))
            if minimo <= maximo {
                let cambio = dia(minimo, maximo)
                let anterior = otrosJefes.first { $0 != s.jefe } ?? otrosJefes[0]
                let sit = SituacionAdministrativa()
                sit.id = UUID()
                sit.$entidad.id = entidadID
                sit.$servidor.id = s.id
                sit.tipo = .cambioDeJefe
                sit.fechaInicio = cambio.iso
                sit.observacion = "Cambio de jefe inmediato (demostración)."
                sit.$jefeAnterior.id = anterior
                sit.$jefeNuevo.id = s.jefe
                lote.situaciones.append(sit)
                let vence = terminos.parcial(motivo: .cambioDeEvaluador, fecha: cambio)
                let lapso = Periodo(inicio: desde, fin: cambio.sumandoDias(-1))!
                let el = max(firmada, vence)
                evento(el, "Se abrió una evaluación parcial eventual", nil, "Pacta", .enSeguimiento, .enSeguimiento,
                       "\(MotivoParcial.cambioDeEvaluador.nombre): del \(lapso.inicio.texto) al \(lapso.fin.texto) (\(lapso.dias) días). Vence el \(vence.texto).")
                calificados.append(calificar(lapso, motivo: .cambioDeEvaluador, el: el, por: anterior, vence: vence,
                                             situacion: sit.id))
                desde = cambio
            }
        }
        // The ordinary semester, rated within its término unless the evaluador is late.
        if !cortes.isEmpty, corteSemestre < hoy, !semestrePendiente,
           Consolidacion.diasLaborados(Periodo(inicio: desde, fin: corteSemestre)!, separaciones: []) > def.diasMinimosTramo {
            let el = min(hoy, cal.sumarDiasHabiles(rng.entre(1, 14), desde: corteSemestre))
            calificados.append(calificar(Periodo(inicio: desde, fin: corteSemestre)!, motivo: .finDeTramo, el: el, por: s.jefe))
            desde = corteSemestre.sumandoDias(1)
        }
        if case .seguimiento = plan {
            lote.evaluaciones.append(ev)
            return .enSeguimiento
        }

        // The definitive rating and what followed, on time or (the stragglers) in the last days.
        var tardio = true
        if case .enFirme = plan { tardio = false }
        func atras(_ k: Int) -> Fecha { max(cubre.fin, cal.sumarDiasHabiles(-k, desde: hoy)) }
        var r = hoy, a = hoy, n = hoy, recurso: Fecha?
        if !tardio {
            r = cal.sumarDiasHabiles(rng.entre(1, 12), desde: cubre.fin)
            a = cal.sumarDiasHabiles(rng.entre(0, 2), desde: r)
            n = cal.sumarDiasHabiles(rng.entre(0, 2), desde: a)
            // Too recent to be en firme: still within the término for recursos.
            if cal.sumarDiasHabiles(1, desde: terminos.recursos(notificada: n)) > hoy {
                plan = .notificada
                tardio = true
            }
        }
        if tardio {
            let k = rng.entre(0, 2)
            recurso = atras(k)
            n = atras(k + 1 + rng.entre(0, 2))
            a = atras(k + 4)
            r = atras(k + 5 + rng.entre(0, 1))
            if plan == .notificada { n = atras(k); a = atras(k + 1); r = atras(k + 2) }
            if plan == .calificada { a = atras(k + 1); r = atras(k + 2) }
            if plan == .porAprobarComision { r = atras(k + 1) }
        }
        let final = Periodo(inicio: desde, fin: cubre.fin)!
        calificados.append(calificar(final, motivo: .lapsoFinal, el: r, por: s.jefe))
        let puntaje = Consolidacion.ponderar(calificados)!
        TramosEDLService.asignarPuntaje(ev, puntaje, def)
        ev.calificadaEl = r.iso
        ev.motivacion = "Calificación definitiva motivada en el portafolio de evidencias y en los seguimientos del período."
        ev.estado = .porAprobarComision
        if plan == .porAprobarComision {
            lote.evaluaciones.append(ev)
            return .porAprobarComision
        }
        evento(a, "Aprobar la calificación en comisión", .comision, comisionNombre, .porAprobarComision, .calificada,
               "La comisión evaluadora aprobó la calificación.")
        ev.estado = .calificada
        if plan == .calificada {
            lote.evaluaciones.append(ev)
            return .calificada
        }
        ev.notificadaEl = n.iso
        ev.medioNotificacion = rng.entre(0, 1) == 0 ? "personal" : "electronica"
        let venceRecursos = terminos.recursos(notificada: n)
        evento(n, "Registrar la notificación", .talentoHumano, thNombre, .calificada, .notificada,
               "Notificada el \(n.texto). Recursos hasta el \(venceRecursos.texto).")
        ev.estado = .notificada
        switch plan {
        case .notificada:
            break
        case .enReposicion, .enApelacion:
            let reposicion = plan == .enReposicion
            let interpuesto = max(n, recurso ?? n)
            let rec = RecursoEDL()
            rec.$evaluacion.id = evID
            rec.tipo = reposicion ? .reposicion : .apelacion
            rec.instancia = reposicion ? "reposicion" : "apelacion"
            rec.interpuestoEl = interpuesto.iso
            rec.fundamentos = "No comparto la calificación del compromiso 2: las evidencias radicadas muestran su cumplimiento total."
            rec.puntajeAnterior = ev.puntaje
            lote.recursos.append(rec)
            ev.estado = reposicion ? .enReposicion : .enApelacion
            evento(interpuesto, reposicion ? "Interponer recurso de reposición" : "Interponer recurso de apelación", .evaluado, s.nombre,
                   .notificada, ev.estado,
                   "Recurso de \(rec.tipo.nombre.lowercased()) interpuesto. Debe resolverse antes del \(terminos.resolucion(interpuesto: interpuesto).texto).")
        case .enFirme(let renuncia):
            if renuncia {
                ev.enFirmeEl = n.iso
                evento(n, "Renunciar a los recursos", .evaluado, s.nombre, .notificada, .enFirme, "El evaluado renunció a interponer recursos.")
            } else {
                let firme = cal.sumarDiasHabiles(1, desde: venceRecursos)
                ev.enFirmeEl = firme.iso
                evento(firme, "Declarar la evaluación en firme", .talentoHumano, thNombre, .notificada, .enFirme,
                       "Vencido el término sin recursos: queda en firme.")
            }
            ev.estado = .enFirme
        default:
            break
        }
        lote.evaluaciones.append(ev)
        return ev.estado
    }
}

extension DemoData.Aleatorio {
    /// A whole number in `a...b`.
    mutating func entre(_ a: Int, _ b: Int) -> Int {
        guard b > a else { return a }
        return a + Int(siguiente() % UInt64(b - a + 1))
    }
}
