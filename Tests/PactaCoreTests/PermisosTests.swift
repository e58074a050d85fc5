import Testing
@testable import PactaCore

@Suite("Roles, permisos y alcance")
struct PermisosTests {
    /// The columns of `matriz`, in this order.
    static let columnas: [Permiso] = [
        .verEstructura, .gestionarEstructura, .verTodosLosServidores, .gestionarServidores,
        .registrarSituaciones, .importar, .gestionarCalendario, .verAuditoria, .gestionarUsuarios,
        .gestionarEvaluaciones, .verEvaluaciones,
    ]

    /// The whole role × permission table, written out.
    static let matriz: [(Rol, [Bool])] = [
        //                 verEst gesEst verTod gesSer regSit import gesCal verAud gesUsu gesEDL verEvaluaciones
        (.administrador,  [true,  true,  true,  true,  true,  true,  true,  true,  true,  true,  true]),
        (.talentoHumano,  [true,  true,  true,  true,  true,  true,  true,  false, false, true,  true]),
        (.planeacion,     [true,  false, true,  false, false, false, false, false, false, false, false]),
        (.controlInterno, [true,  false, true,  false, false, false, false, true,  false, false, true]),
        (.servidor,       [true,  false, false, false, false, false, false, false, false, false, false]),
    ]

    @Test("The expected table covers every role and every permission")
    func tablaCompleta() {
        #expect(Set(Self.columnas) == Set(Permiso.allCases))
        #expect(Self.columnas.count == Permiso.allCases.count)
        #expect(Set(Self.matriz.map(\.0)) == Set(Rol.allCases))
        #expect(Self.matriz.allSatisfy { $0.1.count == Self.columnas.count })
        // A role missing from Permisos.tabla would silently have no permission at all.
        #expect(Set(Permisos.tabla.keys) == Set(Rol.allCases))
    }

    @Test("permite follows the role × permission table", arguments: matriz)
    func permite(rol: Rol, fila: [Bool]) {
        for (permiso, esperado) in zip(Self.columnas, fila) {
            #expect(Permisos.permite(rol, permiso) == esperado, "\(rol) · \(permiso)")
        }
        #expect(Permisos.tabla[rol] == Set(zip(Self.columnas, fila).filter(\.1).map(\.0)))
    }

    @Test("Everyone sees the structure; only the administrator manages users and only admin and control interno see the audit")
    func reglasTransversales() {
        #expect(Rol.allCases.allSatisfy { Permisos.permite($0, .verEstructura) })
        #expect(Rol.allCases.filter { Permisos.permite($0, .gestionarUsuarios) } == [.administrador])
        #expect(Set(Rol.allCases.filter { Permisos.permite($0, .verAuditoria) }) == [.administrador, .controlInterno])
        // Read-only roles change nothing.
        let cambios: [Permiso] = [.gestionarEstructura, .gestionarServidores, .registrarSituaciones, .importar,
                                  .gestionarCalendario, .gestionarUsuarios]
        for rol in [Rol.planeacion, .controlInterno, .servidor] {
            #expect(!cambios.contains { Permisos.permite(rol, $0) }, "\(rol)")
        }
    }

    @Test("Roles are stored with stable snake_case names", arguments: [
        (Rol.administrador, "administrador"),
        (.talentoHumano, "talento_humano"),
        (.planeacion, "planeacion"),
        (.controlInterno, "control_interno"),
        (.servidor, "servidor"),
    ])
    func valoresAlmacenados(rol: Rol, raw: String) {
        #expect(rol.rawValue == raw)
        #expect(Rol(rawValue: raw) == rol)
    }

    @Test("The scope is the whole entity for roles that see every servant, else the own team, else nobody", arguments: [
        (Rol.administrador, String?.none, AlcanceServidores.entidad),
        (.administrador, "S1", .entidad),
        (.talentoHumano, "S1", .entidad),
        (.talentoHumano, nil, .entidad),
        (.planeacion, nil, .entidad),
        (.controlInterno, "S1", .entidad),
        (.servidor, "S1", .equipo(servidor: "S1")),
        (.servidor, nil, .ninguno),
    ])
    func alcancePara(rol: Rol, servidor: String?, esperado: AlcanceServidores) {
        #expect(AlcanceServidores.para(rol: rol, servidor: servidor) == esperado)
    }

    @Test("A team is the servant and their direct reports, not the reports' reports", arguments: [
        ("JEFE", String?.none, true),     // the servant themself
        ("JEFE", "SUPERIOR", true),       // the servant themself, whoever their jefe is
        ("A", "JEFE", true),              // direct report
        ("B", "JEFE", true),              // another direct report
        ("A1", "A", false),               // report of a report
        ("SUPERIOR", nil, false),         // the servant's own jefe
        ("PAR", "SUPERIOR", false),       // a peer
        ("OTRO", nil, false),
    ])
    func equipoIncluye(id: String, jefe: String?, incluido: Bool) {
        #expect(AlcanceServidores.equipo(servidor: "JEFE").incluye(servidor: id, jefe: jefe) == incluido)
    }

    @Test("The entity scope includes everyone and the empty scope nobody", arguments: [
        ("JEFE", String?.none), ("A", "JEFE"), ("A1", "A"), ("X", "Y"),
    ])
    func entidadYNinguno(id: String, jefe: String?) {
        #expect(AlcanceServidores.entidad.incluye(servidor: id, jefe: jefe))
        #expect(!AlcanceServidores.ninguno.incluye(servidor: id, jefe: jefe))
    }

    @Test("Filtering an org chart by a servant account's scope leaves their own team")
    func organigrama() {
        let organigrama: [(id: String, jefe: String?)] = [
            ("DIR", nil), ("SUB1", "DIR"), ("SUB2", "DIR"), ("P1", "SUB1"), ("P2", "SUB1"), ("P3", "SUB2"), ("T1", "P1"),
        ]
        func visibles(_ rol: Rol, _ servidor: String?) -> Set<String> {
            let alcance = AlcanceServidores.para(rol: rol, servidor: servidor)
            return Set(organigrama.filter { alcance.incluye(servidor: $0.id, jefe: $0.jefe) }.map(\.id))
        }
        #expect(visibles(.servidor, "SUB1") == ["SUB1", "P1", "P2"])
        #expect(visibles(.servidor, "DIR") == ["DIR", "SUB1", "SUB2"])
        #expect(visibles(.servidor, "T1") == ["T1"])
        #expect(visibles(.servidor, nil) == [])
        #expect(visibles(.planeacion, "T1") == Set(organigrama.map(\.id)))
    }
}
