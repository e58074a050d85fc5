import Fluent
import Foundation
import PactaCore
import Vapor

// What the API answers and the pages render: one set of view models for both.

struct InstrumentoDTO: Content {
    let id: UUID
    let nombre: String
    let origen: String
    let activo: Bool
    let definicion: DefinicionEDL

    init(_ i: InstrumentoEDL) throws {
        id = i.id!
        nombre = i.nombre
        origen = i.origen
        activo = i.activo
        definicion = try i.definicion
    }
}

struct PeriodoDTO: Content {
    struct Tramo: Content { let nombre: String; let inicio: String; let fin: String }
    let id: UUID
    let nombre: String
    let instrumentoId: UUID
    let instrumento: String
    let anio: Int
    let inicio: String
    let fin: String
    let inicioTexto: String
    let finTexto: String
    let tramos: [Tramo]
    let porEstado: [String: Int]
    let total: Int

    init(_ p: PeriodoEDL, porEstado: [EstadoEDL: Int] = [:]) {
        id = p.id!
        nombre = p.nombre
        instrumentoId = p.$instrumento.id
        instrumento = p.$instrumento.value?.nombre ?? ""
        anio = p.anio
        inicio = p.inicio
        fin = p.fin
        inicioTexto = Fecha(iso: p.inicio)?.texto ?? p.inicio
        finTexto = Fecha(iso: p.fin)?.texto ?? p.fin
        tramos = p.tramos.map { Tramo(nombre: $0.nombre, inicio: $0.inicio.iso, fin: $0.fin.iso) }
        self.porEstado = Dictionary(uniqueKeysWithValues: porEstado.map { ($0.key.rawValue, $0.value) })
        total = porEstado.values.reduce(0, +)
    }
}

struct EvaluacionResumenDTO: Content {
    let id: UUID
    let periodoId: UUID
    let servidorId: UUID
    let servidor: String
    let documento: String
    let dependencia: String
    let evaluador: String
    let nivel: String
    let vinculacion: String
    let enPrueba: Bool
    let estado: String
    let estadoNombre: String
    let venceConcertacion: String
    let venceConcertacionTexto: String
    let puntaje: Double?
    let puntajeTexto: String?
    let nivelResultado: String?
    let satisfactoria: Bool?
}

struct EvaluacionDetalleDTO: Content {
    struct Compromiso: Content {
        let id: UUID; let orden: Int; let verbo: String; let objeto: String; let condicion: String; let evidencias: String
        let peso: Double; let pesoTexto: String; let meta: String?; let vigente: Bool
    }
    struct Competencia: Content { let codigo: String; let nombre: String; let comun: Bool }
    struct Tramo: Content {
        let id: UUID; let motivo: String; let motivoNombre: String; let eventual: Bool; let estado: String
        let desde: String; let hasta: String; let desdeTexto: String; let hastaTexto: String; let dias: Int
        let vence: String?; let venceTexto: String?; let puntaje: Double?; let puntajeTexto: String?
        let porcentajeTexto: String?; let puntosComportamentales: Int?; let observaciones: String; let evaluador: String
        let calificadoTexto: String?; let cumplimientos: [String: String]
        let puedoCalificar: Bool
        /// An open parcial whose evaluador left the entity, or that has none: Talento Humano designates who rates it.
        let requiereDesignacion: Bool
    }
    struct Ordinario: Content {
        let nombre: String; let desde: String; let hasta: String; let desdeTexto: String; let hastaTexto: String
        let dias: Int; let esFinal: Bool; let vence: String; let venceTexto: String; let disponible: Bool
    }
    struct EvidenciaEDL: Content {
        let id: UUID; let fecha: String; let fechaTexto: String; let autor: String; let autorRol: String; let nota: String
        let archivo: String?; let tamano: Int; let tamanoTexto: String; let esObservacion: Bool; let compromiso: Int?
        /// Added after the evaluation's last day (while it is being rated).
        let despuesDelPeriodo: Bool
    }
    struct AccionMejora: Content {
        let id: UUID; let accion: String; let responsable: String; let fechaLimite: String; let fechaLimiteTexto: String
        let indicador: String; let causa: String; let avance: Int
        let seguimientos: [AccionDeMejoramiento.Seguimiento]
    }
    struct Recurso: Content {
        let id: UUID; let tipo: String; let tipoNombre: String; let instancia: String; let interpuestoTexto: String
        let fundamentos: String; let resueltoTexto: String?; let decision: String?; let decisionNombre: String?
        let puntajeAnteriorTexto: String?; let puntajeNuevoTexto: String?; let resolucion: String?; let venceTexto: String
    }
    struct Evento: Content {
        let fechaTexto: String; let accion: String; let rol: String; let actor: String; let estado: String; let detalle: String
    }
    struct PendienteDTO: Content {
        let rol: String; let rolNombre: String; let tarea: String; let vence: String?; let venceTexto: String?
        let diasHabiles: Int?; let vencido: Bool; let mio: Bool
    }
    struct Nivel: Content { let nombre: String; let desde: String; let hasta: String; let satisfactorio: Bool }

    let resumen: EvaluacionResumenDTO
    let periodo: String
    let instrumento: String
    let inicio: String
    let fin: String
    let inicioTexto: String
    let finTexto: String
    let comision: String?
    let comisionId: UUID?
    let requiereComision: Bool
    let pesoFuncional: Int
    let pesoComportamental: Int
    let puntosComportamentales: String
    let pesoTotal: Double
    let pesoTotalTexto: String
    let modoFijacion: String?
    let testigo: String?
    let concertadaTexto: String?
    let compromisos: [Compromiso]
    let compromisosAnteriores: [Compromiso]
    let comportamentales: [Competencia]
    let competenciasDisponibles: [Competencia]
    let limitesFuncionales: String
    let limitesComportamentales: String
    let tramos: [Tramo]
    let siguiente: Ordinario?
    let evidencias: [EvidenciaEDL]
    let planDeMejoramiento: [AccionMejora]
    let recursos: [Recurso]
    let eventos: [Evento]
    let pendientes: [PendienteDTO]
    let misRoles: [String]
    let acciones: [String]
    let escala: [Nivel]
    let calificadaTexto: String?
    let motivacion: String?
    let notificadaTexto: String?
    let medioNotificacion: String?
    let recursosHasta: String?
    let recursosHastaTexto: String?
    let enFirmeTexto: String?
    let esExtraordinaria: Bool
    let ordenExtraordinaria: String?
    let consecuenciaPrueba: String?
    let formatos: [String: String]
}

enum EDLVistas {
    static func texto(_ iso: String?) -> String? { iso.flatMap(Fecha.init(iso:))?.texto }

    static func tamano(_ n: Int) -> String { EvidenciasService.tamano(n) }

    /// Resumen rows for a set of evaluations, with names loaded in three queries.
    static func resumenes(_ evs: [EvaluacionEDL], on db: any Database) async throws -> [EvaluacionResumenDTO] {
        let ids = Set(evs.map { $0.$servidor.id } + evs.compactMap { $0.$evaluador.id })
        let servidores = try await Servidor.query(on: db).filter(\.$id ~~ ids).all()
        let porId = Dictionary(uniqueKeysWithValues: servidores.map { ($0.id!, $0) })
        let depIds = Set(evs.compactMap { $0.$dependencia.id })
        let deps = try await Dependencia.query(on: db).filter(\.$id ~~ depIds).all()
        let depPorId = Dictionary(uniqueKeysWithValues: deps.map { ($0.id!, $0.nombre) })
        return evs.map { e in resumen(e, servidor: porId[e.$servidor.id], evaluador: e.$evaluador.id.flatMap { porId[$0] },
                                      dependencia: e.$dependencia.id.flatMap { depPorId[$0] }) }
    }

    static func resumen(_ e: EvaluacionEDL, servidor: Servidor?, evaluador: Servidor?, dependencia: String?) -> EvaluacionResumenDTO {
        EvaluacionResumenDTO(
            id: e.id!, periodoId: e.$periodo.id, servidorId: e.$servidor.id,
            servidor: servidor.map { "\($0.apellidos), \($0.nombres)" } ?? "", documento: servidor?.documento ?? "",
            dependencia: dependencia ?? "—", evaluador: evaluador?.nombreCompleto ?? "Sin evaluador",
            nivel: e.nivel.nombre, vinculacion: e.vinculacion.nombre, enPrueba: e.enPrueba,
            estado: e.estado.rawValue, estadoNombre: e.estado.nombre,
            venceConcertacion: e.venceConcertacion, venceConcertacionTexto: texto(e.venceConcertacion) ?? "",
            puntaje: e.puntajeValor?.valor, puntajeTexto: e.puntajeValor?.texto, nivelResultado: e.nivelNombre,
            satisfactoria: e.satisfactoria)
    }

    static func compromiso(_ c: CompromisoLaboral) -> EvaluacionDetalleDTO.Compromiso {
        let p = Puntaje(centesimas: c.peso)
        return .init(id: c.id!, orden: c.orden, verbo: c.verbo, objeto: c.objeto, condicion: c.condicion, evidencias: c.evidencias,
                     peso: p.valor, pesoTexto: p.texto, meta: c.meta, vigente: c.vigente)
    }

    static func competencia(_ codigo: String) -> EvaluacionDetalleDTO.Competencia {
        let c = CatalogoCompetencias.competencia(codigo)
        return .init(codigo: codigo, nombre: c?.nombre ?? codigo, comun: c?.nivel == nil)
    }

    /// Everything about one evaluation that the actor may see.
    static func detalle(_ ev: EvaluacionEDL, roles: Set<RolEDL>, _ actor: Actor, hoy: Fecha, on db: any Database) async throws -> EvaluacionDetalleDTO {
        let ctx = try await EvaluacionesEDLService.contexto(ev, on: db)
        let d = ctx.definicion
        let servidor = try await Servidor.find(ev.$servidor.id, on: db)
        let evaluador = try await ev.$evaluador.id.asyncMap { try await Servidor.find($0, on: db) } ?? nil
        let comision = try await ev.$comision.id.asyncMap { try await Servidor.find($0, on: db) } ?? nil
        let dependencia = try await ev.$dependencia.id.asyncMap { try await Dependencia.find($0, on: db) } ?? nil
        let instrumento = try await InstrumentoEDL.find(ctx.periodo.$instrumento.id, on: db)
        let compromisos = try await CompromisoLaboral.query(on: db).filter(\.$evaluacion.$id == ev.id!).sort(\.$orden).all()
        let ordenPorId = Dictionary(uniqueKeysWithValues: compromisos.map { ($0.id!, $0.orden) })
        let tramos = try await TramosEDLService.tramos(ev.id!, on: db)
        let seps = try await TramosEDLService.separaciones(ev.$servidor.id, on: db)
        let evidencias = try await EvidenciasService.listar(.edl, ev.id!, on: db)
        let acciones = try await AccionDeMejoramiento.query(on: db).filter(\.$instrumento == .edl).filter(\.$evaluacionID == ev.id!)
            .sort(\.$createdAt).all()
        let recursos = try await RecursoEDL.query(on: db).filter(\.$evaluacion.$id == ev.id!).sort(\.$createdAt).all()
        let eventos = try await TransicionService.historia(.edl, ev.id!, on: db)
        let evaluadores = try await Servidor.query(on: db).filter(\.$id ~~ Set(tramos.compactMap { $0.$evaluador.id })).all()
        let evaluadorPorId = Dictionary(uniqueKeysWithValues: evaluadores.map { ($0.id!, $0.nombreCompleto) })
        let evaluadorActivo = Dictionary(uniqueKeysWithValues: evaluadores.map { ($0.id!, $0.activo) })

        let calificados = tramos.filter { $0.estado == .calificado && $0.puntaje != nil }
        let porcentajes = Consolidacion.porcentajes(calificados.map {
            TramoCalificado(periodo: $0.periodo, dias: $0.dias, puntaje: Puntaje(centesimas: $0.puntaje!)) })
        let porcentajePorId = Dictionary(uniqueKeysWithValues: zip(calificados.map { $0.id! }, porcentajes))

        let siguiente: EvaluacionDetalleDTO.Ordinario? = ev.estado == .enSeguimiento
            ? TramosEDLService.siguienteOrdinario(ev, periodo: ctx.periodo, tramos: tramos, separaciones: seps, definicion: d).map { o in
                let vence = ctx.terminos.calificacion(finTramo: o.periodo.fin)
                return .init(nombre: o.nombre, desde: o.periodo.inicio.iso, hasta: o.periodo.fin.iso, desdeTexto: o.periodo.inicio.texto,
                             hastaTexto: o.periodo.fin.texto, dias: o.dias, esFinal: o.esFinal, vence: vence.iso, venceTexto: vence.texto,
                             disponible: hoy >= o.periodo.fin)
            } : nil

        // What is due, with días hábiles left, marking what is due from this actor.
        let foto = FotosEDL.foto(ev, periodo: ctx.periodo, definicion: d, tramos: tramos, separaciones: seps,
                                 recurso: recursos.filter { $0.resueltoEl == nil }.max { $0.interpuestoEl < $1.interpuestoEl })
        let debeParcial = tramos.contains { $0.estado == .abierto && $0.$evaluador.id != nil && $0.$evaluador.id == actor.servidorID }
        let pendientes = Pendientes.calcular(foto, terminos: ctx.terminos, hoy: hoy).map { p in
            let dias = p.vence.map { ctx.terminos.calendario.diasHabilesRestantes(hoy: hoy, vence: $0) }
            return EvaluacionDetalleDTO.PendienteDTO(rol: p.rol.rawValue, rolNombre: p.rol.nombre, tarea: p.tarea, vence: p.vence?.iso,
                                                     venceTexto: p.vence?.texto, diasHabiles: dias, vencido: (p.vence.map { hoy > $0 }) ?? false,
                                                     mio: p.esParcial ? debeParcial : roles.contains(p.rol))
        }
        var disponibles: [String] = []
        for rol in EDLAcceso.preferencia where roles.contains(rol) {
            for a in FlujoEDL.acciones(estado: ev.estado, rol: rol) where !disponibles.contains(a.rawValue) { disponibles.append(a.rawValue) }
        }
        let recursosHasta = ev.notificadaEl.flatMap(Fecha.init(iso:)).map { ctx.terminos.recursos(notificada: $0) }
        let consecuencia: String? = ev.enPrueba && ev.satisfactoria != nil
            ? PeriodoDePrueba.consecuencia(satisfactoria: ev.satisfactoria!, veniaDeCarrera: servidor?.derechosDeCarrera == true) : nil

        return EvaluacionDetalleDTO(
            resumen: resumen(ev, servidor: servidor, evaluador: evaluador, dependencia: dependencia?.nombre),
            periodo: ctx.periodo.nombre, instrumento: instrumento?.nombre ?? d.nombre,
            inicio: ev.inicio, fin: ev.fin, inicioTexto: texto(ev.inicio) ?? "", finTexto: texto(ev.fin) ?? "",
            comision: comision?.nombreCompleto, comisionId: comision?.id, requiereComision: d.requiereComision,
            pesoFuncional: d.pesoFuncional, pesoComportamental: d.pesoComportamental,
            puntosComportamentales: d.pesoComportamental > 0 ? "\(d.puntosComportamentales.minimo) a \(d.puntosComportamentales.maximo)" : "",
            pesoTotal: Puntaje(centesimas: ev.pesoTotal).valor, pesoTotalTexto: Puntaje(centesimas: ev.pesoTotal).texto,
            modoFijacion: ev.modoFijacion?.nombre, testigo: ev.testigo, concertadaTexto: texto(ev.concertadaEl),
            compromisos: compromisos.filter(\.vigente).map(compromiso),
            compromisosAnteriores: compromisos.filter { !$0.vigente }.map(compromiso),
            comportamentales: ev.comportamentales.map(competencia),
            competenciasDisponibles: CatalogoCompetencias.disponibles(para: ev.nivel).map { .init(codigo: $0.codigo, nombre: $0.nombre, comun: $0.nivel == nil) },
            limitesFuncionales: (ev.enPrueba ? d.funcionalesEnPrueba : d.funcionales).texto,
            limitesComportamentales: d.comportamentales.texto,
            tramos: tramos.map { t in
                let cumplimientos = Dictionary(t.cumplimientos.map { (String(ordenPorId[$0.compromisoId] ?? 0), $0.cumplimiento.texto) },
                                               uniquingKeysWith: { a, _ in a })
                return .init(id: t.id!, motivo: t.motivo.rawValue, motivoNombre: t.motivo.nombre, eventual: t.motivo.esEventual,
                             estado: t.estado.rawValue, desde: t.desde, hasta: t.hasta, desdeTexto: texto(t.desde) ?? "",
                             hastaTexto: texto(t.hasta) ?? "", dias: t.dias, vence: t.vence, venceTexto: texto(t.vence),
                             puntaje: t.puntaje.map { Puntaje(centesimas: $0).valor }, puntajeTexto: t.puntaje.map { Puntaje(centesimas: $0).texto },
                             porcentajeTexto: porcentajePorId[t.id!]?.texto, puntosComportamentales: t.puntosComportamentales,
                             observaciones: t.observaciones, evaluador: t.$evaluador.id.flatMap { evaluadorPorId[$0] } ?? "",
                             calificadoTexto: texto(t.calificadoEl), cumplimientos: cumplimientos,
                             puedoCalificar: t.estado == .abierto && ev.estado == .enSeguimiento && actor.servidorID != nil && t.$evaluador.id == actor.servidorID,
                             requiereDesignacion: t.estado == .abierto && (t.$evaluador.id.map { evaluadorActivo[$0] != true } ?? true))
            },
            siguiente: siguiente,
            evidencias: evidencias.map { e, autor in
                .init(id: e.id!, fecha: e.fecha, fechaTexto: texto(e.fecha) ?? "", autor: autor,
                      autorRol: RolEDL(rawValue: e.autorRol)?.nombre ?? e.autorRol, nota: e.nota, archivo: e.nombreArchivo, tamano: e.tamano,
                      tamanoTexto: tamano(e.tamano), esObservacion: e.esObservacion, compromiso: e.referenciaID.flatMap { ordenPorId[$0] },
                      despuesDelPeriodo: e.fecha > ev.fin)
            },
            planDeMejoramiento: acciones.map { a in
                .init(id: a.id!, accion: a.accion, responsable: a.responsable, fechaLimite: a.fechaLimite,
                      fechaLimiteTexto: texto(a.fechaLimite) ?? "", indicador: a.indicador, causa: a.causa, avance: a.avance,
                      seguimientos: a.seguimientos.map { .init(fecha: texto($0.fecha) ?? $0.fecha, avance: $0.avance, nota: $0.nota) })
            },
            recursos: recursos.map { r in
                .init(id: r.id!, tipo: r.tipo.rawValue, tipoNombre: r.tipo.nombre, instancia: r.instancia == "apelacion" ? "Apelación" : "Reposición",
                      interpuestoTexto: texto(r.interpuestoEl) ?? "", fundamentos: r.fundamentos, resueltoTexto: texto(r.resueltoEl),
                      decision: r.decision?.rawValue, decisionNombre: r.decision?.nombre,
                      puntajeAnteriorTexto: r.puntajeAnterior.map { Puntaje(centesimas: $0).texto },
                      puntajeNuevoTexto: r.puntajeNuevo.map { Puntaje(centesimas: $0).texto }, resolucion: r.resolucion,
                      venceTexto: Fecha(iso: r.interpuestoEl).map { ctx.terminos.resolucion(interpuesto: $0).texto } ?? "")
            },
            eventos: eventos.map { e in
                .init(fechaTexto: texto(e.fecha) ?? "", accion: AccionEDL(rawValue: e.accion)?.nombre.capitalizandoPrimera ?? e.accion,
                      rol: RolEDL(rawValue: e.rol)?.nombre ?? e.rol, actor: e.actorNombre,
                      estado: EstadoEDL(rawValue: e.estadoHacia)?.nombre ?? e.estadoHacia, detalle: e.detalle)
            },
            pendientes: pendientes,
            misRoles: EDLAcceso.preferencia.filter(roles.contains).map(\.rawValue),
            acciones: disponibles,
            escala: d.escala.niveles.map { n in .init(nombre: n.nombre, desde: n.desde.texto, hasta: d.escala.hasta(n).texto, satisfactorio: n.satisfactorio) },
            calificadaTexto: texto(ev.calificadaEl), motivacion: ev.motivacion,
            notificadaTexto: texto(ev.notificadaEl),
            medioNotificacion: ev.medioNotificacion.flatMap { EvaluacionesEDLService.MedioNotificacion(rawValue: $0)?.nombre },
            recursosHasta: recursosHasta?.iso, recursosHastaTexto: recursosHasta?.texto, enFirmeTexto: texto(ev.enFirmeEl),
            esExtraordinaria: ev.esExtraordinaria, ordenExtraordinaria: ev.ordenExtraordinaria, consecuenciaPrueba: consecuencia,
            formatos: Dictionary(uniqueKeysWithValues: FormatoEDL.allCases.map { ($0.rawValue, d.codigoFormato($0)) }))
    }
}

