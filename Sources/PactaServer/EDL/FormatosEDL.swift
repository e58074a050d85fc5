import Fluent
import Foundation
import PactaCore
import Vapor

/// The printable EDL formats (seed 003: GTH-F-045 … F-051, with each entity's own codes): one page
/// per format, built from the evaluation's detail, laid out to be printed and signed on paper.
enum FormatosEDL {
    struct Persona: Encodable {
        let nombre: String
        let documento: String
        let empleo: String
    }

    struct Firma: Encodable {
        let rol: String
        let nombre: String
        let documento: String
    }

    struct Cumplimiento: Encodable {
        let orden: Int
        let compromiso: String
        let pesoTexto: String
        let cumplimientoTexto: String
    }

    struct Tramo: Encodable {
        let id: UUID
        let motivo: String
        let eventual: Bool
        let calificado: Bool
        let desdeTexto: String
        let hastaTexto: String
        let dias: Int
        let venceTexto: String?
        let porcentajeTexto: String?
        let puntajeTexto: String?
        let puntosComportamentales: Int?
        let evaluador: String
        let calificadoTexto: String?
        let observaciones: String
        let cumplimientos: [Cumplimiento]
        let firmas: [Firma]
    }

    struct Anotacion: Encodable {
        let fechaTexto: String
        let tipo: String
        let autor: String
        let nota: String
        let archivo: String?
    }

    struct SeguimientoCompromiso: Encodable {
        let compromiso: EvaluacionDetalleDTO.Compromiso
        let anotaciones: [Anotacion]
    }

    struct Enlace: Encodable {
        let ruta: String
        let texto: String
        let actual: Bool
    }

    struct Vista: Encodable {
        let formato: String
        let codigo: String
        let nombre: String
        let entidad: String
        let impresoTexto: String
        let evaluacionId: UUID
        let d: EvaluacionDetalleDTO
        let evaluado: Persona
        let evaluador: Persona?
        let comision: Persona?
        let firmas: [Firma]
        let otros: [Enlace]
        /// F-046: compromisos with their evidencias and observations, then the general ones.
        let seguimiento: [SeguimientoCompromiso]
        let generales: [Anotacion]
        /// F-049, F-050, F-051: the stretches the format shows.
        let tramos: [Tramo]
        let totalDias: Int
        let unTramo: Bool
        /// F-051: the written order and its date.
        let ordenadaTexto: String?
        let comportamentalesCuentan: Bool
    }

    struct Contexto: Encodable { let c: Vista }

    static func firma(_ rol: String, _ p: Persona?) -> Firma {
        Firma(rol: rol, nombre: p?.nombre ?? "", documento: p?.documento ?? "")
    }

    /// Everything the format `formato` shows of the evaluation `id`, for `actor` (404 when the
    /// actor may not see the evaluation, or `tramo` is not one of its evaluaciones parciales).
    static func vista(_ id: UUID?, formato: FormatoEDL, tramo tramoID: UUID?, _ actor: Actor, hoy: Fecha,
                      on db: any Database) async throws -> Vista {
        let (ev, roles) = try await EDLAcceso.obtener(id, actor, on: db)
        let d = try await EDLVistas.detalle(ev, roles: roles, actor, hoy: hoy, on: db)
        let ctx = try await EvaluacionesEDLService.contexto(ev, on: db)
        let def = ctx.definicion
        let tramos = try await TramosEDLService.tramos(ev.id!, on: db)
        let compromisos = try await CompromisoLaboral.query(on: db).filter(\.$evaluacion.$id == ev.id!).all()
        let compromisoPorId = Dictionary(uniqueKeysWithValues: compromisos.map { ($0.id!, $0) })
        let ids = Set([ev.$servidor.id] + [ev.$evaluador.id, ev.$comision.id].compactMap { $0 } + tramos.compactMap { $0.$evaluador.id })
        let servidores = try await Servidor.query(on: db).filter(\.$id ~~ ids).with(\.$empleo).all()
        let servidorPorId = Dictionary(uniqueKeysWithValues: servidores.map { ($0.id!, $0) })
        func persona(_ id: UUID?) -> Persona? {
            guard let id, let s = servidorPorId[id] else { return nil }
            return Persona(nombre: s.nombreCompleto, documento: "\(s.tipoDocumento.rawValue.uppercased()) \(s.documento)",
                           empleo: s.empleo?.titulo ?? "—")
        }
        let evaluado = persona(ev.$servidor.id) ?? Persona(nombre: d.resumen.servidor, documento: d.resumen.documento, empleo: "—")
        let evaluador = persona(ev.$evaluador.id)
        let comision = d.requiereComision ? persona(ev.$comision.id) : nil
        let entidad = try await Entidad.find(ev.$entidad.id, on: db)?.nombre ?? ""

        // The stretches, with each compromiso's cumplimiento read from the rating itself.
        let porcentajes = Dictionary(uniqueKeysWithValues: d.tramos.map { ($0.id, $0.porcentajeTexto) })
        func vistaTramo(_ t: TramoEDL) -> Tramo {
            let cumplimientos = t.cumplimientos.compactMap { c -> Cumplimiento? in
                guard let comp = compromisoPorId[c.compromisoId] else { return nil }
                return Cumplimiento(orden: comp.orden, compromiso: "\(comp.verbo) \(comp.objeto)",
                                    pesoTexto: Puntaje(centesimas: comp.peso).texto, cumplimientoTexto: c.cumplimiento.texto)
            }.sorted { $0.orden < $1.orden }
            let quien = persona(t.$evaluador.id)
            return Tramo(id: t.id!, motivo: t.motivo.nombre, eventual: t.motivo.esEventual, calificado: t.estado == .calificado,
                         desdeTexto: EDLVistas.texto(t.desde) ?? t.desde, hastaTexto: EDLVistas.texto(t.hasta) ?? t.hasta, dias: t.dias,
                         venceTexto: EDLVistas.texto(t.vence), porcentajeTexto: porcentajes[t.id!] ?? nil,
                         puntajeTexto: t.puntaje.map { Puntaje(centesimas: $0).texto }, puntosComportamentales: t.puntosComportamentales,
                         evaluador: quien?.nombre ?? "", calificadoTexto: EDLVistas.texto(t.calificadoEl), observaciones: t.observaciones,
                         cumplimientos: cumplimientos,
                         firmas: [firma("Evaluador que califica el lapso", quien), firma("Evaluado (comunicado)", evaluado)])
        }
        var mostrados: [TramoEDL]
        switch formato {
        case .consolidacion: mostrados = tramos.filter { $0.estado == .calificado }
        case .parcial:
            mostrados = tramos.filter { $0.motivo.esEventual }
            if let tramoID {
                mostrados = mostrados.filter { $0.id == tramoID }
                if mostrados.isEmpty { throw PactaError.noEncontrado("La evaluación parcial eventual") }
            }
        case .extraordinaria: mostrados = tramos.filter { $0.estado == .calificado }
        default: mostrados = []
        }

        // F-046: evidencias and observations per compromiso (by the compromiso's id, so adjusted
        // compromisos keep theirs).
        var seguimiento: [SeguimientoCompromiso] = []
        var generales: [Anotacion] = []
        if formato == .seguimiento {
            let enlaces = try await Evidencia.query(on: db).filter(\.$instrumento == .edl).filter(\.$evaluacionID == ev.id!)
                .field(\.$id).field(\.$referenciaID).all()
            let compromisoDe = Dictionary(uniqueKeysWithValues: enlaces.map { ($0.id!, $0.referenciaID) })
            var porCompromiso: [UUID: [Anotacion]] = [:]
            for e in d.evidencias {
                let a = Anotacion(fechaTexto: e.fechaTexto, tipo: e.esObservacion ? "Observación del evaluador" : "Evidencia",
                                  autor: [e.autor, e.autorRol].filter { !$0.isEmpty }.joined(separator: " · "), nota: e.nota, archivo: e.archivo)
                if let c = compromisoDe[e.id] ?? nil { porCompromiso[c, default: []].append(a) } else { generales.append(a) }
            }
            seguimiento = (d.compromisos + d.compromisosAnteriores).map { SeguimientoCompromiso(compromiso: $0, anotaciones: porCompromiso[$0.id] ?? []) }
        }

        var firmas: [Firma]
        switch formato {
        case .fijacion:
            firmas = [firma("Evaluado", evaluado), firma("Evaluador", evaluador)]
            if d.requiereComision { firmas.append(firma("Comisión evaluadora", comision)) }
            if let testigo = ev.testigo { firmas.append(Firma(rol: "Testigo", nombre: testigo, documento: "")) }
        case .seguimiento, .planDeMejoramiento:
            firmas = [firma("Evaluado", evaluado), firma("Evaluador", evaluador)]
        case .comportamentales, .consolidacion, .extraordinaria:
            firmas = [firma("Evaluador", evaluador)]
            if d.requiereComision { firmas.append(firma("Comisión evaluadora", comision)) }
            firmas.append(firma(formato == .comportamentales ? "Evaluado" : "Evaluado (notificado)", evaluado))
        case .parcial:
            firmas = []
        }

        let ruta = "/edl/evaluaciones/\(ev.id!.uuidString)/formatos/"
        return Vista(
            formato: formato.rawValue, codigo: def.codigoFormato(formato), nombre: formato.nombre, entidad: entidad,
            impresoTexto: hoy.texto, evaluacionId: ev.id!, d: d, evaluado: evaluado, evaluador: evaluador, comision: comision,
            firmas: firmas,
            otros: FormatoEDL.allCases.map { f in
                Enlace(ruta: ruta + f.rawValue, texto: [def.codigoFormato(f), f.nombre].filter { !$0.isEmpty }.joined(separator: " "), actual: f == formato)
            },
            seguimiento: seguimiento, generales: generales,
            tramos: mostrados.map(vistaTramo), totalDias: mostrados.filter { $0.estado == .calificado }.reduce(0) { $0 + $1.dias },
            unTramo: tramoID != nil, ordenadaTexto: EDLVistas.texto(ev.extraordinariaOrdenadaEl),
            comportamentalesCuentan: def.pesoComportamental > 0)
    }

    /// GET /edl/evaluaciones/:id/formatos/:formato[?tramo=<id>]
    @Sendable static func pagina(req: Request) async throws -> Response {
        let actor = try req.actor()
        guard let formato = req.parameters.get("formato").flatMap(FormatoEDL.init(rawValue:)) else {
            throw PactaError.noEncontrado("El formato")
        }
        struct Q: Content { var tramo: String? }
        let q = try req.query.decode(Q.self)
        var tramo: UUID?
        if let t = Campos.limpio(q.tramo) {
            guard let id = UUID(uuidString: t) else { throw PactaError.noEncontrado("La evaluación parcial eventual") }
            tramo = id
        }
        let vista = try await vista(req.parameters.get("id", as: UUID.self), formato: formato, tramo: tramo, actor, hoy: req.hoy, on: req.db)
        let view = try await req.view.render("edl/formatos/\(formato.rawValue)", Contexto(c: vista))
        return try await view.encodeResponse(for: req)
    }
}
