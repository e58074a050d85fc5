import Fluent
import Foundation
import PactaCore
import Vapor

/// Ratings: evaluaciones parciales eventuales, semesters, the definitive and extraordinary
/// evaluation, and the minimum satisfactory for omission, consolidated by days.
enum TramosEDLService {
    static func tramos(_ evID: UUID, on db: any Database) async throws -> [TramoEDL] {
        try await TramoEDL.query(on: db).filter(\.$evaluacion.$id == evID).sort(\.$desde).all()
    }

    /// The first day not yet covered by a stretch (rated or opened).
    static func inicioPendiente(_ ev: EvaluacionEDL, _ tramos: [TramoEDL]) -> Fecha {
        let ultimo = tramos.compactMap { Fecha(iso: $0.hasta) }.max()
        return ultimo.map { max($0.sumandoDias(1), ev.cubre.inicio) } ?? ev.cubre.inicio
    }

    /// The servant's separations from the post (encargo, licencia, comisión, vacaciones, suspensión).
    static func separaciones(_ servidorID: UUID, on db: any Database) async throws -> [Periodo] {
        let tipos: [TipoSituacion] = TipoSituacion.allCases.filter(\.esSeparacion)
        return try await SituacionAdministrativa.query(on: db).filter(\.$servidor.$id == servidorID)
            .filter(\.$tipo ~~ tipos).all().compactMap { s in
                guard let i = Fecha(iso: s.fechaInicio), let f = s.fechaFin.flatMap(Fecha.init(iso:)) else { return nil }
                return Periodo(inicio: i, fin: f)
            }
    }

    struct Ordinario: Sendable {
        let nombre: String
        let periodo: Periodo
        let dias: Int
        let esFinal: Bool
    }

    /// The next ordinary stretch to rate (a semester, or the final stretch), skipping stretches of
    /// 30 días laborados or fewer, which are rated with the next one.
    static func siguienteOrdinario(_ ev: EvaluacionEDL, periodo: PeriodoEDL, tramos: [TramoEDL], separaciones: [Periodo],
                                   definicion: DefinicionEDL) -> Ordinario? {
        let desde = inicioPendiente(ev, tramos)
        let fin = ev.cubre.fin
        guard desde <= fin else { return nil }
        let cortes: [(String, Fecha)] = ev.enPrueba
            ? [("Período de prueba", fin)]
            : periodo.tramos.filter { $0.fin >= desde && $0.fin < fin }.map { ($0.nombre, $0.fin) } + [("Lapso final del período", fin)]
        for (nombre, hasta) in cortes {
            let esFinal = hasta == fin
            guard let p = Periodo(inicio: desde, fin: hasta) else { continue }
            let dias = Consolidacion.diasLaborados(p, separaciones: separaciones, diasMinimos: definicion.diasMinimosTramo)
            if esFinal || dias > definicion.diasMinimosTramo {
                return Ordinario(nombre: esFinal && !ev.enPrueba && periodo.tramos.count == 1 ? periodo.tramos[0].nombre : nombre,
                                 periodo: p, dias: dias, esFinal: esFinal)
            }
        }
        return nil
    }

    /// An event Pacta records by itself (a parcial opened or carried, a prueba extended).
    static func eventoDeSistema(_ ev: EvaluacionEDL, fecha: Fecha, accion: String, detalle: String, on db: any Database) async throws {
        try await TransicionService.registrarEvento(.edl, evaluacionID: ev.id!, entidadID: ev.$entidad.id, accion: accion, rol: "sistema",
                                                    actor: "Pacta", desde: ev.estado.rawValue, hacia: ev.estado.rawValue, detalle: detalle,
                                                    hoy: fecha, on: db)
    }

    /// Opens an evaluación parcial eventual for the stretch up to the day before `fecha`, unless it
    /// has 30 días laborados or fewer (then it is carried into the next one). Returns the stretch opened.
    static func abrirParcial(_ ev: EvaluacionEDL, motivo: MotivoParcial, fecha: Fecha, situacion: UUID?,
                             ctx: EvaluacionesEDLService.Contexto, on db: any Database) async throws -> TramoEDL? {
        let existentes = try await tramos(ev.id!, on: db)
        let seps = try await separaciones(ev.$servidor.id, on: db)
        let desde = inicioPendiente(ev, existentes)
        guard fecha > desde, fecha <= ev.cubre.fin.sumandoDias(1) else { return nil }
        switch Consolidacion.decidir(desde: desde, corte: fecha, separaciones: seps, diasMinimos: ctx.definicion.diasMinimosTramo) {
        case .acumular(let dias):
            try await eventoDeSistema(ev, fecha: fecha, accion: "\(motivo.nombre): sin evaluación parcial",
                                      detalle: "El lapso desde el \(desde.texto) tiene \(dias) días laborados (30 o menos): se califica junto con el siguiente.", on: db)
            return nil
        case .abrir(let p, let dias):
            let t = TramoEDL()
            t.$evaluacion.id = ev.id!
            t.motivo = motivo
            t.estado = .abierto
            t.desde = p.inicio.iso
            t.hasta = p.fin.iso
            t.dias = dias
            t.vence = ctx.terminos.parcial(motivo: motivo, fecha: fecha).iso
            t.cumplimientosJSON = "[]"
            t.observaciones = ""
            t.$evaluador.id = ev.$evaluador.id
            t.$situacion.id = situacion
            try await t.create(on: db)
            try await eventoDeSistema(ev, fecha: fecha, accion: "Se abrió una evaluación parcial eventual",
                                      detalle: "\(motivo.nombre): del \(p.inicio.texto) al \(p.fin.texto) (\(dias) días). Vence el \(Fecha(iso: t.vence!)!.texto).", on: db)
            if ev.$evaluador.id == nil {
                try await AvisosService.encolarATalentoHumano(
                    on: db, entidadID: ev.$entidad.id, clave: "parcial-sin-evaluador|\(t.id!.uuidString)",
                    asunto: "Evaluación parcial sin evaluador",
                    cuerpo: "\(motivo.nombre): el lapso del \(p.inicio.texto) al \(p.fin.texto) de \(try await EvaluacionesEDLService.nombre(ev.$servidor.id, on: db)) no tiene evaluador. Designe quién lo califica.",
                    enlace: "/edl/evaluaciones/\(ev.id!.uuidString)")
            }
            if let evaluador = ev.$evaluador.id {
                try await AvisosService.encolar(
                    on: db, entidadID: ev.$entidad.id, servidorID: evaluador, clave: "parcial|\(t.id!.uuidString)",
                    asunto: "Evaluación parcial eventual pendiente",
                    cuerpo: "\(motivo.nombre): califique el lapso del \(p.inicio.texto) al \(p.fin.texto) de \(try await EvaluacionesEDLService.nombre(ev.$servidor.id, on: db)) antes del \(Fecha(iso: t.vence!)!.texto).",
                    enlace: "/edl/evaluaciones/\(ev.id!.uuidString)")
            }
            return t
        }
    }

    /// The EDL's subscription to the situaciones administrativas Estructura records (configure subscribes it).
    struct Suscriptor: SuscriptorDeSituaciones {
        func alRegistrarSituacion(_ r: SituacionAdministrativa, servidor: Servidor, on db: any Database) async throws {
            try await TramosEDLService.alRegistrarSituacion(r, servidor: servidor, on: db)
        }
    }

    /// Reacts to a situación administrativa recorded in the structure: opens the parciales it
    /// triggers and moves the evaluation to the new evaluador or dependencia. Runs inside the
    /// transaction that records the situation.
    static func alRegistrarSituacion(_ s: SituacionAdministrativa, servidor: Servidor, on db: any Database) async throws {
        guard let motivo = MotivoParcial.para(s.tipo), let fecha = Fecha(iso: s.fechaInicio) else { return }
        try await extenderPrueba(s, servidor: servidor, on: db)
        if motivo == .separacion {
            guard let fin = s.fechaFin.flatMap(Fecha.init(iso:)), let p = Periodo(inicio: fecha, fin: fin), p.dias > 30 else { return }
        }
        let abiertas = try await EvaluacionEDL.query(on: db).filter(\.$servidor.$id == servidor.id!)
            .filter(\.$estado ~~ [.porConcertar, .porFirmar, .enSeguimiento]).all()
        for ev in abiertas where ev.cubre.contiene(fecha) {
            let ctx = try await EvaluacionesEDLService.contexto(ev, on: db)
            if ev.estado == .enSeguimiento {
                _ = try await abrirParcial(ev, motivo: motivo, fecha: fecha, situacion: s.id, ctx: ctx, on: db)
            }
            var cambio = false
            if s.tipo == .cambioDeJefe || s.tipo == .traslado, servidor.$jefe.id != ev.$evaluador.id {
                ev.$evaluador.id = servidor.$jefe.id
                cambio = true
            }
            if s.tipo == .traslado, servidor.$dependencia.id != ev.$dependencia.id {
                ev.$dependencia.id = servidor.$dependencia.id
                cambio = true
            }
            if cambio {
                ev.version += 1
                try await ev.save(on: db)
            }
        }
        // Cambio de jefe: the servants evaluated by the leaving jefe are handled by their own
        // situaciones (one per servant, as the structure records them).
    }

    /// An interruption of the período de prueba of more than 20 continuous days extends it by as many
    /// days ("lapso superior a veinte (20) días continuos", Decreto 1083 de 2015).
    static func extenderPrueba(_ s: SituacionAdministrativa, servidor: Servidor, on db: any Database) async throws {
        guard s.tipo.esSeparacion, let i = Fecha(iso: s.fechaInicio), let f = s.fechaFin.flatMap(Fecha.init(iso:)),
              let p = Periodo(inicio: i, fin: f) else { return }
        let pruebas = try await EvaluacionEDL.query(on: db).filter(\.$servidor.$id == servidor.id!).filter(\.$enPrueba == true)
            .filter(\.$estado ~~ [.porConcertar, .porFirmar, .enSeguimiento]).all()
        for ev in pruebas where ev.cubre.contiene(i) {
            let ctx = try await EvaluacionesEDLService.contexto(ev, on: db)
            guard p.dias > ctx.definicion.diasInterrupcionPrueba else { continue }
            let nuevoFin = ev.cubre.fin.sumandoDias(p.dias)
            try await eventoDeSistema(ev, fecha: i, accion: "Se prorrogó el período de prueba",
                                      detalle: "\(s.tipo.nombre) de \(p.dias) días (\(p.texto)): el período de prueba termina el \(nuevoFin.texto) en lugar del \(ev.cubre.fin.texto).", on: db)
            ev.fin = nuevoFin.iso
            ev.version += 1
            try await ev.save(on: db)
        }
    }

    struct DesignarInput: Content {
        var servidorId: String?
        /// The servant's documento, as the page asks for it (instead of the id).
        var documento: String?
    }

    /// Talento Humano records who rates an open parcial whose evaluador left the entity, or that
    /// had none (`DesignacionEvaluador`): the leaving jefe's superior or whom the head of the entity designates.
    static func designarEvaluador(_ id: UUID?, tramo tramoID: UUID?, _ input: DesignarInput, _ actor: Actor, hoy: Fecha,
                                  on db: any Database) async throws -> EvaluacionEDL {
        try actor.exigir(.gestionarEvaluaciones)
        let sid: UUID? = try await ServidoresService.porIdODocumento(
            id: input.servidorId, documento: input.documento, campo: "servidorId", etiqueta: "Quien califica",
            faltante: "Indique el servidor que calificará la evaluación parcial (su documento).", actor, on: db)
        return try await db.escribir { db in
            let (ev, roles) = try await EDLAcceso.obtener(id, actor, bloquear: true, on: db)
            guard roles.contains(.talentoHumano) else { throw PactaError.prohibido("No puede designar quién califica su propia evaluación.") }
            guard let tramoID, let t = try await TramoEDL.query(on: db).filter(\.$id == tramoID).filter(\.$evaluacion.$id == ev.id!).first(),
                  t.estado == .abierto else {
                throw PactaError.noEncontrado("La evaluación parcial pendiente")
            }
            let actual: DesignacionEvaluador.EvaluadorDelLapso
            if let e = t.$evaluador.id {
                actual = try await Servidor.find(e, on: db)?.activo == true ? .activo : .retirado
            } else {
                actual = .ninguno
            }
            let designado = try await Servidor.query(on: db).filter(\.$id == sid!).filter(\.$entidad.$id == actor.entidadID).first()
            if let motivo = DesignacionEvaluador.rechazo(evaluadorDelLapso: actual, designadoActivo: designado?.activo == true,
                                                         designadoEsEvaluado: sid == ev.$servidor.id) {
                throw actual == .activo ? PactaError.conflicto(motivo) : PactaError.validacion(["servidorId": motivo])
            }
            let antes = ResumenEDL(ev)
            let anterior = try await EvaluacionesEDLService.nombre(t.$evaluador.id, on: db)
            t.$evaluador.id = sid
            try await t.save(on: db)
            try await TransicionService.completar(
                ev, antes: antes, desde: ev.estado, rol: .talentoHumano, accion: "designar_parcial", evento: "Designó quién califica la evaluación parcial",
                detalle: "\(t.motivo.nombre), del \(Fecha(iso: t.desde)!.texto) al \(Fecha(iso: t.hasta)!.texto): la califica \(designado!.nombreCompleto)"
                    + (anterior.isEmpty ? " (no tenía evaluador)." : " en lugar de \(anterior), que ya no está en la entidad."),
                actor: actor, hoy: hoy, on: db)
            try await AvisosService.encolar(
                on: db, entidadID: ev.$entidad.id, servidorID: sid!, clave: "parcial-designado|\(t.id!.uuidString)|\(sid!.uuidString)",
                asunto: "Le designaron una evaluación parcial",
                cuerpo: "Califique el lapso del \(Fecha(iso: t.desde)!.texto) al \(Fecha(iso: t.hasta)!.texto) de \(try await EvaluacionesEDLService.nombre(ev.$servidor.id, on: db))\(t.vence.flatMap(Fecha.init(iso:)).map { " antes del \($0.texto)" } ?? "").",
                enlace: "/edl/evaluaciones/\(ev.id!.uuidString)")
            return ev
        }
    }

    // MARK: - Rating

    struct CalificarInput: Content {
        /// A parcial eventual's id; absent for the next ordinary stretch.
        var tramoId: String?
        var extraordinaria: String?
        var cumplimientos: [String: String]?
        var puntosComportamentales: String?
        var observaciones: String?
        var motivacion: String?
    }

    /// Rates a parcial, the next semester, the final stretch (definitive) or the extraordinaria.
    static func calificar(_ id: UUID?, _ input: CalificarInput, _ actor: Actor, hoy: Fecha, on db: any Database) async throws -> EvaluacionEDL {
        var c = Campos()
        let tramoID = c.uuid("tramoId", input.tramoId, etiqueta: "La evaluación parcial")
        let extraordinaria = c.booleano(input.extraordinaria, defecto: false)
        let observaciones = c.opcional("observaciones", input.observaciones, etiqueta: "Las observaciones", max: 5000) ?? ""
        let motivacion = c.opcional("motivacion", input.motivacion, etiqueta: "La motivación", max: 5000)
        var puntosLeidos: Int?
        if let t = Campos.limpio(input.puntosComportamentales) {
            if let n = Int(t) { puntosLeidos = n } else { c.falla("puntosComportamentales", "Los puntos comportamentales deben ser un número entero.") }
        }
        var valoresLeidos: [UUID: Puntaje] = [:]
        for (k, v) in input.cumplimientos ?? [:] {
            guard let cid = UUID(uuidString: k) else { c.falla("cumplimientos", "Un compromiso calificado no es válido."); continue }
            guard let t = Campos.limpio(v) else { continue }
            guard let p = Puntaje(texto: t), p <= .cien else {
                c.falla("cumplimientos[\(k)]", "La calificación de cada compromiso es un número de 0 a 100.")
                continue
            }
            valoresLeidos[cid] = p
        }
        try c.lanzarSiHayErrores()
        let (valores, puntos) = (valoresLeidos, puntosLeidos)

        return try await db.escribir { db in
            let (ev, roles) = try await EDLAcceso.obtener(id, actor, bloquear: true, on: db)
            let ctx = try await EvaluacionesEDLService.contexto(ev, on: db)
            let existentes = try await tramos(ev.id!, on: db)
            let seps = try await separaciones(ev.$servidor.id, on: db)
            let compromisos = try await EvaluacionesEDLService.vigentes(ev.id!, on: db)
            let antes = ResumenEDL(ev)
            let desdeEstado = ev.estado

            // Which stretch, which action.
            let accion: AccionEDL
            let tramo: TramoEDL
            var rolesEfectivos = roles
            if let tramoID {
                guard let t = existentes.first(where: { $0.id == tramoID }), t.estado == .abierto else {
                    throw PactaError.noEncontrado("La evaluación parcial pendiente")
                }
                // The parcial is rated by the evaluador who was in charge during the stretch.
                rolesEfectivos.remove(.evaluador)
                if let s = actor.servidorID, t.$evaluador.id == s { rolesEfectivos.insert(.evaluador) }
                accion = .calificarParcial
                tramo = t
            } else if extraordinaria {
                accion = .calificarExtraordinaria
                guard ev.ordenExtraordinaria != nil else {
                    throw PactaError.conflicto("No hay una orden escrita de evaluación extraordinaria registrada por Talento Humano.")
                }
                if let abierta = existentes.first(where: { $0.estado == .abierto }) {
                    throw PactaError.conflicto("Primero califique la evaluación parcial pendiente (\(abierta.motivo.nombre.lowercased())).")
                }
                let desde = inicioPendiente(ev, existentes)
                let hasta = min(hoy, ev.cubre.fin)
                guard let p = Periodo(inicio: desde, fin: hasta) else { throw PactaError.conflicto("No queda lapso por evaluar.") }
                tramo = TramoEDL()
                tramo.motivo = .extraordinaria
                tramo.desde = p.inicio.iso
                tramo.hasta = p.fin.iso
                tramo.dias = Consolidacion.diasLaborados(p, separaciones: seps, diasMinimos: ctx.definicion.diasMinimosTramo)
            } else {
                if let abierta = existentes.first(where: { $0.estado == .abierto }) {
                    throw PactaError.conflicto("Primero califique la evaluación parcial pendiente (\(abierta.motivo.nombre.lowercased())).")
                }
                guard let o = siguienteOrdinario(ev, periodo: ctx.periodo, tramos: existentes, separaciones: seps, definicion: ctx.definicion) else {
                    throw PactaError.conflicto("No queda lapso por calificar en esta evaluación.")
                }
                accion = o.esFinal ? .calificarDefinitiva : .calificarParcial
                do throws(ErrorFlujoEDL) { try ctx.terminos.verificarCalificacion(accion, finTramo: o.periodo.fin, hoy: hoy) } catch { throw PactaError(error) }
                tramo = TramoEDL()
                tramo.motivo = o.esFinal ? .lapsoFinal : .finDeTramo
                tramo.desde = o.periodo.inicio.iso
                tramo.hasta = o.periodo.fin.iso
                tramo.dias = o.dias
            }
            let (rol, hacia) = try EDLAcceso.transicion(ev, roles: rolesEfectivos, accion: accion,
                                                        conComision: ctx.definicion.requiereComision)
            if accion == .calificarExtraordinaria {
                let ultima = try await ultimaDefinitiva(ev, on: db)
                let desdeOrden = ev.extraordinariaOrdenadaEl.flatMap(Fecha.init(iso:)) ?? hoy
                do throws(ErrorFlujoEDL) { try ctx.terminos.verificarExtraordinaria(ultimaDefinitiva: ultima, inicioPeriodo: ev.cubre.inicio, hoy: desdeOrden) } catch { throw PactaError(error) }
            }
            if accion != .calificarParcial && Campos.limpio(motivacion) == nil {
                throw PactaError.validacion(["motivacion": "La calificación definitiva debe ser motivada: escriba la motivación."])
            }
            // Every compromiso vigente gets its cumplimiento.
            var faltan: [String: String] = [:]
            var funcionales: [Calificacion.Funcional] = []
            var registro: [TramoEDL.Cumplimiento] = []
            for comp in compromisos {
                guard let v = valores[comp.id!] else {
                    faltan["cumplimientos[\(comp.id!.uuidString)]"] = "Califique el compromiso \(comp.orden) (0 a 100)."
                    continue
                }
                funcionales.append(.init(peso: Puntaje(centesimas: comp.peso), cumplimiento: v))
                registro.append(.init(compromisoId: comp.id!, cumplimiento: v))
            }
            if compromisos.isEmpty { faltan["cumplimientos"] = "La evaluación no tiene compromisos vigentes para calificar." }
            for (k, v) in Calificacion.validar(funcionales: funcionales, puntosComportamentales: puntos, definicion: ctx.definicion) where k != "funcionales" {
                faltan[k] = v
            }
            if !faltan.isEmpty { throw PactaError.validacion(faltan) }

            let puntaje = Calificacion.puntaje(funcionales: funcionales, puntosComportamentales: puntos, definicion: ctx.definicion)
            tramo.$evaluacion.id = ev.id!
            tramo.estado = .calificado
            tramo.puntaje = puntaje.centesimas
            tramo.puntosComportamentales = ctx.definicion.pesoComportamental > 0 ? puntos : nil
            tramo.cumplimientosJSON = String(decoding: try JSONEncoder().encode(registro), as: UTF8.self)
            tramo.observaciones = observaciones
            tramo.calificadoEl = hoy.iso
            if tramo.$evaluador.id == nil { tramo.$evaluador.id = actor.servidorID }
            try await tramo.save(on: db)

            var detalle = "\(tramo.motivo.nombre): del \(Fecha(iso: tramo.desde)!.texto) al \(Fecha(iso: tramo.hasta)!.texto), \(tramo.dias) días, \(puntaje.texto) puntos."
            if hacia != desdeEstado {
                // Definitive: the day-weighted consolidation of every rated stretch.
                let todos = existentes.filter { $0.estado == .calificado && $0.id != tramo.id } + [tramo]
                let final = try consolidar(todos)
                asignarPuntaje(ev, final, ctx.definicion)
                ev.calificadaEl = hoy.iso
                ev.motivacion = motivacion
                ev.esExtraordinaria = accion == .calificarExtraordinaria
                detalle += " Calificación definitiva consolidada: \(final.texto) (\(ev.nivelNombre ?? ""))."
            }
            ev.estado = hacia
            try await TransicionService.completar(ev, antes: antes, desde: desdeEstado, rol: rol, accion: accion.rawValue, detalle: detalle,
                                                  actor: actor, hoy: hoy, on: db)
            if hacia == .calificada { try await EvaluacionesEDLService.avisarNotificacion(ev, ctx, on: db) }
            if hacia == .porAprobarComision {
                try await EvaluacionesEDLService.avisar(ev, a: ev.$comision.id, clave: "comision", asunto: "Calificación por aprobar en comisión",
                                                        cuerpo: "Hay una calificación del \(ctx.periodo.nombre) por aprobar en la comisión evaluadora.", on: db)
            }
            try await EvaluacionesEDLService.avisar(ev, a: ev.$servidor.id, clave: "calificado|\(tramo.id!.uuidString)",
                                                    asunto: "Se registró una calificación", cuerpo: detalle, on: db)
            return ev
        }
    }

    static func consolidar(_ tramos: [TramoEDL]) throws -> Puntaje {
        let partes = tramos.compactMap { t -> TramoCalificado? in
            guard let p = t.puntaje else { return nil }
            return TramoCalificado(periodo: t.periodo, dias: t.dias, puntaje: Puntaje(centesimas: p))
        }
        guard let r = Consolidacion.ponderar(partes) else {
            throw PactaError.conflicto("No hay días laborados que calificar en el período.")
        }
        return r
    }

    static func asignarPuntaje(_ ev: EvaluacionEDL, _ p: Puntaje, _ d: DefinicionEDL) {
        let nivel = d.escala.nivel(para: p)
        ev.puntaje = p.centesimas
        ev.nivelEscala = nivel.codigo
        ev.nivelNombre = nivel.nombre
        ev.satisfactoria = nivel.satisfactorio
    }

    /// The comisión returned the rating: the final stretch is rated again.
    static func deshacerDefinitiva(_ ev: EvaluacionEDL, on db: any Database) async throws {
        let ts = try await tramos(ev.id!, on: db)
        for t in ts where t.motivo == .lapsoFinal || t.motivo == .extraordinaria { try await t.delete(on: db) }
        ev.puntaje = nil
        ev.nivelEscala = nil
        ev.nivelNombre = nil
        ev.satisfactoria = nil
        ev.calificadaEl = nil
        ev.esExtraordinaria = false
    }

    /// The date of the servant's last definitive rating (any earlier evaluation rated).
    static func ultimaDefinitiva(_ ev: EvaluacionEDL, on db: any Database) async throws -> Fecha? {
        try await EvaluacionEDL.query(on: db).filter(\.$servidor.$id == ev.$servidor.id).filter(\.$id != ev.id!)
            .filter(\.$calificadaEl != nil).all().compactMap { $0.calificadaEl.flatMap(Fecha.init(iso:)) }.max()
    }

    /// Talento Humano applies the minimum satisfactory to the next stretch the evaluador did not rate in time.
    static func aplicarMinimo(_ id: UUID?, _ actor: Actor, hoy: Fecha, on db: any Database) async throws -> EvaluacionEDL {
        try await db.escribir { db in
            let (ev, roles) = try await EDLAcceso.obtener(id, actor, bloquear: true, on: db)
            let ctx = try await EvaluacionesEDLService.contexto(ev, on: db)
            let existentes = try await tramos(ev.id!, on: db)
            let seps = try await separaciones(ev.$servidor.id, on: db)
            guard let o = siguienteOrdinario(ev, periodo: ctx.periodo, tramos: existentes, separaciones: seps, definicion: ctx.definicion) else {
                throw PactaError.conflicto("No queda lapso por calificar en esta evaluación.")
            }
            let (rol, hacia) = try EDLAcceso.transicion(ev, roles: roles, accion: .aplicarMinimo, lapsoFinal: o.esFinal)
            if existentes.contains(where: { $0.estado == .abierto }) {
                throw PactaError.conflicto("Hay una evaluación parcial pendiente: el mínimo se aplica solo a los lapsos ordinarios.")
            }
            do throws(ErrorFlujoEDL) { try ctx.terminos.verificarMinimo(finTramo: o.periodo.fin, hoy: hoy) } catch { throw PactaError(error) }
            let antes = ResumenEDL(ev)
            let desde = ev.estado
            let t = TramoEDL()
            t.$evaluacion.id = ev.id!
            t.motivo = .minimoPorOmision
            t.estado = .calificado
            t.desde = o.periodo.inicio.iso
            t.hasta = o.periodo.fin.iso
            t.dias = o.dias
            t.puntaje = ctx.definicion.puntajeMinimoSatisfactorio.centesimas
            t.cumplimientosJSON = "[]"
            t.observaciones = "El evaluador no calificó dentro del término (\(ctx.terminos.calificacion(finTramo: o.periodo.fin).texto)). El evaluado puede controvertirlo."
            t.calificadoEl = hoy.iso
            t.$evaluador.id = ev.$evaluador.id
            try await t.create(on: db)
            var detalle = "\(o.nombre): mínimo satisfactorio \(ctx.definicion.puntajeMinimoSatisfactorio.texto) por omisión del evaluador."
            if hacia == .calificada {
                let final = try consolidar(existentes.filter { $0.estado == .calificado } + [t])
                asignarPuntaje(ev, final, ctx.definicion)
                ev.calificadaEl = hoy.iso
                ev.motivacion = "Calificación por omisión del evaluador: se aplica el mínimo satisfactorio al lapso no calificado."
                detalle += " Calificación definitiva consolidada: \(final.texto) (\(ev.nivelNombre ?? ""))."
            }
            ev.estado = hacia
            try await TransicionService.completar(ev, antes: antes, desde: desde, rol: rol, accion: AccionEDL.aplicarMinimo.rawValue,
                                                  evento: "Aplicó el mínimo satisfactorio", detalle: detalle, actor: actor, hoy: hoy, on: db)
            try await EvaluacionesEDLService.avisar(ev, a: ev.$servidor.id, clave: "minimo|\(t.id!.uuidString)",
                                                    asunto: "Se aplicó el mínimo satisfactorio", cuerpo: detalle + " Puede controvertirlo.", on: db)
            if hacia == .calificada { try await EvaluacionesEDLService.avisarNotificacion(ev, ctx, on: db) }
            return ev
        }
    }
}
