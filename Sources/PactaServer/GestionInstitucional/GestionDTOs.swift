import Fluent
import Foundation
import PactaCore
import Vapor

struct EtapaPlanDTO: Content {
    let codigo: String
    let nombre: String
    let inicio: String
    let fin: String
}

struct VigenciaGIDTO: Content {
    let id: UUID
    let anio: Int
    let nombre: String
    let plan: [EtapaPlanDTO]
    let definicion: DefinicionGI
    let porEstado: [String: Int]

    init(_ v: VigenciaGI, porEstado: [EstadoGI: Int] = [:]) throws {
        let d = try v.definicion
        let plan = v.plan
        id = v.id!
        anio = v.anio
        nombre = v.nombre
        self.plan = d.etapas.compactMap { e in
            plan[e.codigo].map { EtapaPlanDTO(codigo: e.codigo, nombre: e.nombre, inicio: $0.inicio.iso, fin: $0.fin.iso) }
        }
        definicion = d
        self.porEstado = Dictionary(uniqueKeysWithValues: porEstado.map { ($0.key.rawValue, $0.value) })
    }
}

struct PendienteGIDTO: Content {
    let rol: String
    let tarea: String
    let vence: String?
    let diasHabiles: Int?
}

struct EvaluacionGIDTO: Content {
    let id: UUID
    let vigenciaId: UUID
    let vigencia: String
    let servidor: PersonaDTO
    let jefe: PersonaDTO?
    let estado: EstadoGI
    let estadoNombre: String
    let metas: [MetaGI]
    /// What changed in the jefe's last modification (before → after), while the evaluado decides.
    let cambios: [CambioMeta]
    let competencias: [EvaluacionGI.Competencia]
    let motivo: String?
    let seguimiento1: Puntaje?
    let seguimiento2: Puntaje?
    let resultado: Puntaje?
    let nivel: String?
    let roles: [String]
    let acciones: [String]
    let pendientes: [PendienteGIDTO]
    let historia: [EventoDTO]
    let evidencias: [EvidenciaGIDTO]
    /// Whether the account may add an evidencia now (and as what role).
    let registraEvidencias: Bool
    let version: Int

    struct PersonaDTO: Content { let id: UUID; let nombre: String }

    static func make(_ ev: EvaluacionGI, roles: Set<RolGI>, hoy: Fecha, on db: any Database) async throws -> EvaluacionGIDTO {
        let ctx = try await EvaluacionesGIService.contexto(ev, on: db)
        let servidor = try await Servidor.find(ev.$servidor.id, on: db)
        let jefe: Servidor? = if let j = ev.$jefe.id { try await Servidor.find(j, on: db) } else { nil }
        let debidos = try await EvaluacionesGIService.pendientes([ev], hoy: hoy, on: db)[ev.id!] ?? []
        var acciones: [String] = []
        for rol in EvaluacionGI.preferencia where roles.contains(rol) {
            for a in FlujoGI.flujo.acciones(estado: ev.estado, rol: rol) where !acciones.contains(a.rawValue) { acciones.append(a.rawValue) }
        }
        return EvaluacionGIDTO(
            id: ev.id!, vigenciaId: ev.$vigencia.id, vigencia: ctx.vigencia.nombre,
            servidor: PersonaDTO(id: ev.$servidor.id, nombre: servidor?.nombreCompleto ?? ""),
            jefe: jefe.map { PersonaDTO(id: $0.id!, nombre: $0.nombreCompleto) },
            estado: ev.estado, estadoNombre: ev.estado.nombre, metas: ev.metas,
            cambios: ev.metasPrevias.map { MetasGI.diferencias(antes: $0, despues: ev.metas) } ?? [],
            competencias: ev.competencias, motivo: ev.motivo,
            seguimiento1: ev.seguimiento1.map(Puntaje.init(centesimas:)), seguimiento2: ev.seguimiento2.map(Puntaje.init(centesimas:)),
            resultado: ev.resultado.map(Puntaje.init(centesimas:)), nivel: ev.nivelEscala,
            roles: EvaluacionGI.preferencia.filter(roles.contains).map(\.rawValue), acciones: acciones,
            pendientes: debidos.map { PendienteGIDTO(rol: $0.rol.rawValue, tarea: $0.tarea, vence: $0.vence?.iso,
                                                     diasHabiles: $0.diasHabilesRestantes(hoy: hoy, calendario: ctx.terminos.calendario)) },
            historia: try await TransicionService.historia(.gestionInstitucional, ev.id!, on: db).map(EventoDTO.init),
            evidencias: try await EvidenciaGIDTO.lista(ev, on: db),
            registraEvidencias: roles.contains { FlujoGI.registraEvidencias(estado: ev.estado, rol: $0) },
            version: ev.version)
    }
}

