// @ts-check
/**
 * Every word a person reads, in Vietnamese, in one place: the web page, the PDFs, the spreadsheets, the e-mails and
 * the command line all take their labels from here. Plain JavaScript with no imports, so that the browser loads this
 * very file (served at /messages/vi.js) and the server imports it too.
 */
export const vi = {
  /** Where a nomination stands (its status, or review:<level>). */
  stages: {
    draft: 'Dự thảo',
    'review:district': 'Cấp huyện, ngành xem xét',
    'review:province': 'Cấp tỉnh xem xét',
    'review:tld': 'Tổng Liên đoàn xem xét',
    returned: 'Trả lại để bổ sung',
    approved: 'Đã khen thưởng',
    rejected: 'Không chấp thuận',
    withdrawn: 'Đã rút',
    revoked: 'Đã thu hồi',
  },
  /** What an officer does to a nomination (the API’s action paths). */
  actions: {
    submit: 'Trình lên',
    return: 'Trả lại để bổ sung',
    resubmit: 'Trình lại',
    endorse: 'Đồng ý, trình cấp trên',
    downgrade: 'Hạ hình thức',
    approve: 'Phê duyệt',
    reject: 'Không chấp thuận',
    withdraw: 'Rút đề nghị',
    revoke: 'Thu hồi quyết định',
    'override-quota': 'Chấp thuận vượt chỉ tiêu',
  },
  /** What happened, by event type in the history. */
  events: {
    NominationCreated: 'Lập đề nghị',
    NominationSubmitted: 'Trình lên',
    NominationReturned: 'Trả lại để bổ sung',
    NominationResubmitted: 'Trình lại',
    NominationEndorsed: 'Đồng ý, trình cấp trên',
    NominationDowngraded: 'Hạ hình thức khen thưởng',
    NominationApproved: 'Ra quyết định khen thưởng',
    NominationRejected: 'Không chấp thuận',
    NominationWithdrawn: 'Rút đề nghị',
    AwardRevoked: 'Thu hồi quyết định',
    QuotaOverrideRecorded: 'Chấp thuận vượt chỉ tiêu',
    DeadlineReminderSent: 'Nhắc hạn xử lý',
    DeadlineEscalated: 'Báo quá hạn lên cấp trên',
  },
  /** Who someone is in the system. */
  roles: {
    base_officer: 'Cán bộ công đoàn cơ sở',
    district_officer: 'Cán bộ LĐLĐ huyện, ngành',
    district_head: 'Chủ tịch LĐLĐ huyện, ngành',
    province_officer: 'Cán bộ Ban Công tác cơ sở tỉnh',
    board_member: 'Ủy viên Ban Thường vụ',
    auditor: 'Kiểm tra, giám sát',
    admin: 'Quản trị hệ thống',
    system: 'Hệ thống',
  },
  /** The papers of a dossier. */
  documents: {
    coverLetter: 'Tờ trình',
    minutes: 'Biên bản họp Hội đồng',
    achievementReport: 'Báo cáo thành tích',
    nomineeList: 'Danh sách trích ngang',
    initiativeCertificate: 'Giấy chứng nhận sáng kiến',
  },
  /** Review checks that failed, as a clause of a sentence. */
  checks: {
    documents: 'thiếu giấy tờ trong hồ sơ',
    councilVote: 'kết quả biểu quyết của Hội đồng chưa đạt',
    registration: 'chưa đăng ký thi đua năm này',
    noDoubleAward: 'đã được khen cùng thành tích ở cấp này',
    prerequisite: 'chưa có đủ danh hiệu các năm liền trước',
    benefitValue: 'giá trị làm lợi của sáng kiến chưa đạt',
  },
  /** Refusals by their stable code (DomainError codes and the API’s own). */
  refusals: {
    WrongUnit: 'Đơn vị của bạn không phải đơn vị đang giữ hồ sơ này.',
    WrongRole: 'Vai trò của bạn không được thực hiện thao tác này.',
    WrongStage: 'Hồ sơ không ở bước cho phép thao tác này.',
    CommentRequired: 'Cần nhập ý kiến (lý do) cho thao tác này.',
    FormNotDecidedHere: 'Cấp này không quyết định hình thức khen thưởng này.',
    InvalidDossier: 'Hồ sơ chưa hợp lệ.',
    QuotaBlocked: 'Phê duyệt sẽ vượt chỉ tiêu, không thể thực hiện.',
    InvalidReview:
      'Kết quả chấm điểm chưa hợp lệ (đơn vị ngoài phạm vi, thiếu tiêu chí hoặc điểm vượt thang điểm).',
    InvalidImport: 'Tệp không đúng mẫu Excel đề nghị khen thưởng (.xlsx).',
    QuotaOverrideRequired:
      'Phê duyệt sẽ làm tỷ lệ xuống dưới mức tối thiểu: Ủy viên Ban Thường vụ cần ghi nhận lý do chấp thuận vượt chỉ tiêu trước.',
    NoQuotaWarning: 'Không có cảnh báo chỉ tiêu nào để chấp thuận.',
    StaleVersion: 'Hồ sơ vừa được người khác cập nhật. Hãy tải lại trang rồi thao tác lại.',
    NotFound: 'Không tìm thấy (hoặc bạn không có quyền xem).',
    NoRoute: 'Không có cấp nào phía trên đơn vị này quyết định hình thức khen thưởng đã chọn.',
  },
  /** Refusals by problem type (the last segment of its URI). */
  problemTypes: {
    'invalid-credentials': 'Sai tên đăng nhập hoặc mật khẩu.',
    unauthenticated: 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
    'not-found': 'Không tìm thấy (hoặc bạn không có quyền xem).',
    'rows-refused': 'Có dòng sai nên chưa đề nghị nào được tạo. Sửa các dòng dưới đây rồi gửi lại.',
    'final-review-not-recorded':
      'Phong trào chưa tổng kết: ghi kết quả tổng kết trước khi đề nghị khen thưởng.',
    validation: 'Dữ liệu nhập chưa hợp lệ.',
    'idempotency-key-reused': 'Yêu cầu bị trùng.',
    'file-too-large': 'Tệp quá lớn (tối đa 10 MB).',
    'unsupported-file-type': 'Chỉ nhận tệp PDF, JPEG, PNG, DOCX hoặc XLSX.',
    'cross-origin-request':
      'Yêu cầu gửi từ một trang web khác nên bị từ chối. Hãy mở hệ thống từ địa chỉ chính thức rồi thử lại.',
    'postgres-unavailable':
      'Hệ thống tạm thời gián đoạn (cơ sở dữ liệu không phản hồi). Vui lòng thử lại sau ít giây.',
    'temporal-unavailable':
      'Hệ thống xử lý hồ sơ chưa phản hồi kịp. Hãy tải lại trang để xem thao tác đã được ghi nhận chưa rồi mới thử lại.',
    'dependency-unavailable':
      'Thao tác chưa được ghi nhận vì hệ thống đang gián đoạn; hồ sơ giữ nguyên. Vui lòng thử lại sau.',
    'invalid-text':
      'Nội dung có ký tự không hợp lệ (ký tự điều khiển hoặc ký tự bị lỗi mã). Hãy xoá ký tự đó, hoặc gõ lại đoạn văn bản, rồi gửi lại.',
    'invalid-data': 'Có giá trị không lưu được (ký tự hoặc con số vượt giới hạn). Hãy sửa rồi gửi lại.',
    'malformed-body': 'Dữ liệu gửi lên bị lỗi. Vui lòng thử lại.',
    'uri-too-long': 'Địa chỉ không hợp lệ.',
    'malformed-url': 'Địa chỉ không hợp lệ.',
    network: 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.',
  },
  /** Form fields, by the JSON Pointer the API names in a refusal. */
  fields: {
    '/body/dossier/achievement': 'Tóm tắt thành tích',
    '/body/dossier/theme': 'Phong trào, chuyên đề',
    '/body/comment': 'Ý kiến',
  },
  /** Where a periodic report stands. */
  reportStatus: { submitted: 'Đã gửi', due: 'Chưa gửi', overdue: 'Quá hạn' },
  /** The movement indicators of the dashboard (seed 004). */
  indicators: {
    upperUnionsWithPlan: 'Công đoàn cấp trên cơ sở có kế hoạch, phát động thi đua',
    baseUnionsWithPlan: 'Công đoàn cơ sở có kế hoạch, phát động thi đua',
    movementsReviewed: 'Phong trào đã phát động được sơ kết, tổng kết',
    officersTrained: 'Cán bộ làm công tác thi đua, khen thưởng được tập huấn',
    directWorkers: 'Cá nhân được khen là công nhân, lao động trực tiếp (tối thiểu)',
    nonLeaders: 'Cá nhân được khen không giữ chức vụ lãnh đạo (tối thiểu)',
  },
  /** A movement’s reviews. */
  reviewKind: { interim: 'Sơ kết', final: 'Tổng kết' },
  /** Why a row of an import spreadsheet was refused. */
  rowProblems: {
    NomineeUnclear: 'Ghi mã đoàn viên (khen cá nhân) hoặc mã đơn vị (khen tập thể), không ghi cả hai.',
    AchievementMissing: 'Chưa ghi thành tích.',
    DuplicateRow: 'Trùng người và hình thức với một dòng khác.',
    NotRegistered: 'Chưa đăng ký thi đua trong phong trào này.',
    UnknownDocuments: 'Có giấy tờ không thuộc hồ sơ khen thưởng.',
    VotesExceedPresent: 'Số phiếu đồng ý nhiều hơn số thành viên có mặt.',
    NotANumber: 'Số người phải là số nguyên.',
    UnknownAwardForm: 'Không có hình thức khen thưởng này.',
    NotFound: 'Không tìm thấy đoàn viên hoặc đơn vị.',
    WrongUnit: 'Người được đề nghị không thuộc đơn vị.',
    FormNotDecidedHere: 'Hình thức này không do cấp này đề nghị.',
    InvalidDossier: 'Hồ sơ chưa hợp lệ.',
  },
  /** Report periods. */
  periodKind: { halfYear: '6 tháng', year: 'năm' },

  // ---- The web page (web/), by page: what its modules say besides the labels above ----

  /** The web page's API client (web/api.js): a refusal in words when the sections above have none for it. */
  apiClient: {
    unknown: 'Đã có lỗi. Vui lòng thử lại.',
    /** @param {string} checks */
    reviewFailed: (checks) => `Hồ sơ chưa đạt khi thẩm định: ${checks}.`,
    /** @param {string} fields */
    where: (fields) => `Ở mục: ${fields}.`,
    /** @param {string} stage */
    closed: (stage) => `Hồ sơ đã kết thúc (${stage}) nên không thể thao tác thêm. Hãy tải lại trang.`,
    serverFault: 'Máy chủ đang gặp sự cố. Vui lòng thử lại sau.',
    notDone: 'Yêu cầu chưa thực hiện được.',
  },
  /** The web page's frame and what its pages share. */
  page: {
    title: 'Thi đua – Khen thưởng',
    loading: 'Đang tải…',
    choose: '— chọn —',
    nav: {
      inbox: 'Hộp việc',
      list: 'Đề nghị',
      create: 'Lập đề nghị',
      quotas: 'Chỉ tiêu',
      dashboard: 'Tổng quan',
      movements: 'Phong trào',
      logout: 'Đăng xuất',
    },
    /** @param {string} date @param {number} days the days left, negative once past */
    deadline: (date, days) => `Hạn: ${date} (${days < 0 ? `quá ${-days} ngày` : `còn ${days} ngày`})`,
    /** @param {string} form @param {number} year */
    formAndYear: (form, year) => `${form} · năm ${year}`,
  },
  /** The web page: login. */
  login: {
    title: 'Đăng nhập',
    system: 'Hệ thống quản lý thi đua, khen thưởng của tổ chức Công đoàn',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    submit: 'Đăng nhập',
  },
  /** The web page: the unit's inbox. */
  inbox: {
    /** @param {string} unit */
    title: (unit) => `Hộp việc của ${unit}`,
    empty: 'Không có hồ sơ nào chờ đơn vị xử lý.',
    choose: 'Chọn',
    /** @param {number} count */
    selected: (count) => `Đã chọn ${count}`,
    /** @param {string} action */
    bulk: (action) => `${action} các hồ sơ đã chọn`,
    /** @param {number} done @param {number} total @param {number} ok @param {number} failed */
    progress: (done, total, ok, failed) =>
      `Đã xử lý ${done}/${total}: ${ok} thành công${failed > 0 ? `, ${failed} không thực hiện được` : ''}.`,
  },
  /** The web page: what approving a nomination does to a quota (inbox, history) and the quota rules. */
  quotaFinding: {
    atLeast: 'tối thiểu',
    atMost: 'tối đa',
    /** @param {string} rule @param {number} total @param {number} limit */
    count: (rule, total, limit) => `${rule}: sau phê duyệt là ${total}/${limit}`,
    /** @param {string} share @param {string} bound @param {string} limit @param {string} rule */
    share: (share, bound, limit, rule) => `Nếu phê duyệt: tỷ lệ ${share} (${bound} ${limit}) — ${rule}`,
  },
  /** The web page: the list of nominations. */
  nominationList: {
    title: 'Danh sách đề nghị',
    searchPlaceholder: 'Tìm theo tên người được đề nghị',
    search: 'Tìm',
    nominee: 'Người/tập thể',
    form: 'Hình thức',
    stage: 'Bước',
    deadline: 'Hạn',
    empty: 'Chưa có đề nghị nào.',
    more: 'Xem thêm',
  },
  /** The web page: one nomination. */
  nomination: {
    /** @param {string} number */
    decision: (number) => `Quyết định số ${number}`,
    route: 'Lộ trình xét duyệt',
    dossier: 'Hồ sơ',
    /** @param {number} inFavour @param {number} present */
    vote: (inFavour, present) => `Biểu quyết: ${inFavour}/${present} thành viên Hội đồng đồng ý`,
    /** @param {string} list */
    documents: (list) => `Giấy tờ: ${list}`,
    /** @param {string} theme */
    theme: (theme) => `Phong trào, chuyên đề: ${theme}`,
    history: 'Quá trình xử lý',
    /** @param {string} when @param {string} who @param {string} role @param {string} unit */
    actor: (when, who, role, unit) => `${when} · ${who} (${role}, ${unit})`,
    /** @param {string} comment */
    comment: (comment) => `Ý kiến: ${comment}`,
    /** @param {string} number */
    decisionNumber: (number) => `Số quyết định: ${number}`,
    /** @param {number} inFavour @param {number} present */
    eventVote: (inFavour, present) => `Biểu quyết: ${inFavour}/${present} đồng ý`,
    /** @param {boolean} passed @param {number} checks */
    review: (passed, checks) => `Thẩm định: ${passed ? 'đạt' : 'chưa đạt'} (${checks} tiêu chí)`,
    /** @param {number} position @param {string} hash @param {string} previous */
    hash: (position, hash, previous) => `#${position} mã băm ${hash} · trước ${previous}…`,
  },
  /** The web page: the actions on one nomination. */
  nominationActions: {
    title: 'Xử lý hồ sơ',
    none: 'Bạn không có thao tác nào với hồ sơ ở bước này.',
    comment: 'Ý kiến',
    commentRequired: '(bắt buộc khi trả lại, không chấp thuận, hạ hình thức, thu hồi)',
    toForm: 'Hình thức khi hạ',
    /** @param {string} action */
    done: (action) => `Đã thực hiện: ${action}.`,
  },
  /** The web page: the files of a nomination. */
  attachments: {
    title: 'Tệp hồ sơ',
    none: 'Chưa có tệp nào.',
    upload: 'Tải lên',
  },
  /** The web page: a new nomination. */
  newNomination: {
    title: 'Lập đề nghị khen thưởng',
    member: 'Người được đề nghị',
    chooseMember: '— chọn đoàn viên —',
    form: 'Hình thức khen thưởng',
    year: 'Năm',
    theme: 'Phong trào, chuyên đề (nếu có)',
    present: 'Số thành viên Hội đồng dự họp',
    inFavour: 'Số thành viên đồng ý',
    documents: 'Giấy tờ trong hồ sơ',
    achievement: 'Tóm tắt thành tích',
    saveDraft: 'Lưu dự thảo',
    saveAndSubmit: 'Lưu và trình lên',
  },
  /** The web page: the unit's quotas. */
  quotas: {
    /** @param {string} unit */
    title: (unit) => `Chỉ tiêu, tỷ lệ khen thưởng của ${unit}`,
    year: 'Năm',
    /** @param {number} total @param {number} limit */
    count: (total, limit) => `Đã khen: ${total} / tối đa ${limit}`,
    /** @param {string} share @param {number} inCategory @param {number} total @param {string} bound @param {string} limit */
    share: (share, inCategory, total, bound, limit) =>
      `Tỷ lệ hiện nay: ${share} (${inCategory}/${total}) · ${bound} ${limit}`,
    noneYet: 'chưa có ai được khen',
    blocking: 'Bắt buộc',
    warning: 'Cảnh báo, cần chấp thuận có lý do khi vượt',
  },
  /** The web page: the dashboard. */
  dashboard: {
    /** @param {number} year @param {string} unit */
    title: (year, unit) => `Tổng quan thi đua, khen thưởng năm ${year} — ${unit}`,
    unit: 'Xem đơn vị',
    reportsTitle: 'Báo cáo định kỳ',
    /** @param {string} kind @param {number} year @param {string} due */
    period: (kind, year, due) => `kỳ ${kind} ${year} · hạn ${due}`,
    noPeriod: 'Chưa mở kỳ báo cáo nào.',
    reports: 'Báo cáo',
    reportChart: 'Tình hình gửi báo cáo',
    /** @param {string} unit @param {number} count */
    owedToUnit: (unit, count) => `Đơn vị báo cáo lên ${unit} (${count})`,
    indicatorsTitle: 'Chỉ tiêu so với kế hoạch',
    reached: 'Đạt được',
    target: 'Chỉ tiêu',
    noFigures: 'chưa có số liệu',
    /** @param {string} share @param {string} value @param {string} of */
    share: (share, value, of) => `${share} (${value}/${of})`,
    /** @param {string} target */
    targetOf: (target) => `chỉ tiêu ${target}`,
    movementsTitle: 'Phong trào thi đua',
    noMovements: 'Chưa có phong trào nào trong năm.',
    movement: 'Phong trào',
    reviews: 'Sơ kết, tổng kết',
    next: 'Tiếp theo',
    /** @param {number} count */
    late: (count) => `${count} chậm`,
  },
  /** The web page: the list of movements. */
  movements: {
    title: 'Phong trào thi đua',
    none: 'Chưa có phong trào nào.',
    closed: 'Đã tổng kết',
    running: 'Đang diễn ra',
  },
  /** The web page: one movement. */
  movement: {
    /** @param {string} list */
    criteria: (list) => `Tiêu chí: ${list}`,
    /** @param {string} name @param {number} maxScore */
    criterion: (name, maxScore) => `${name} (${maxScore} điểm)`,
    /** @param {string} units @param {string} members */
    registrations: (units, members) => `Đăng ký: ${units} đơn vị, ${members} đoàn viên`,
    /** @param {number} count */
    nominations: (count) => `Đề nghị khen thưởng từ tổng kết: ${count}`,
    unit: 'Đơn vị',
    total: 'Tổng',
  },
  /** The web page: the nominations of a movement's final review. */
  finalReview: {
    title: 'Đề nghị khen thưởng từ tổng kết',
    allOrNothing: 'Nếu có dòng sai, không đề nghị nào được tạo; sửa các dòng được báo rồi gửi lại.',
    memberId: 'Mã đoàn viên',
    form: 'Hình thức',
    achievement: 'Thành tích',
    present: 'Có mặt',
    inFavour: 'Đồng ý',
    /** @param {string} column @param {number} row */
    cell: (column, row) => `${column} dòng ${row}`,
    addRow: 'Thêm dòng',
    create: 'Tạo các đề nghị',
    orUpload: 'Hoặc tải lên tệp Excel theo',
    template: 'mẫu',
    file: 'Tệp Excel đề nghị khen thưởng',
    /** @param {number} count */
    created: (count) => `Đã tạo ${count} đề nghị khen thưởng.`,
    row: 'Dòng',
    problem: 'Lỗi',
  },
};
