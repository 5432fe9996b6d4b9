import type { Messages } from './en';
import type { transferEn } from './transfer.en';

/** 文案：`transfer.*`（简体中文）。 */
export const transferZhCN: Messages<typeof transferEn> = {
  title: '导入与导出',
  hint: '用于备份，或把策略执行迁移到另一台浏览器。导出文件包含每项策略执行的完整历史、草稿和人员；导入前会逐一校验所有历史，校验通过才会写入。',
  exportHeading: '导出',
  exportWorkspace: '导出整个工作区',
  runToExport: '要导出的策略执行',
  exportRun: '导出此策略执行',
  noRuns: '暂无可导出的策略执行。',
  exported: '已保存 {file}。',
  exportFailed: '导出失败：{detail}',
  importHeading: '导入',
  importLabel: '导入…',
  importHint: '请选择由策略执行看板导出的 .json 文件。已有的策略执行绝不会被覆盖。',
  progressLabel: '导入进度',
  phase: {
    reading: '正在读取文件…',
    verifying: '正在校验历史：{done} / {total} 条事件…',
    copying: '正在生成副本：{done} / {total}…',
    writing: '正在保存：{done} / {total} 条记录…',
  },
  cancel: '取消',
  cancelled: '已取消导入，未做任何更改。',
  refusedTitle: '未导入 {file}',
  where: '文件中的位置：',
  nothingChanged: '工作区中的数据未做任何更改。',
  dismiss: '关闭',
  review: {
    title: '确认导入内容',
    summary: '{file}：包含 {runs} 项策略执行、{people} 位人员（其中 {added} 位为本工作区新增）。',
    conflictsHint:
      '部分策略执行在本工作区中已存在。请逐一选择：跳过，或以新 ID 作为副本导入。不会覆盖任何已有数据。',
    run: '策略执行',
    events: '事件数',
    here: '本工作区',
    choice: '处理方式',
    isNew: '新增',
    willImport: '将导入',
    exists: '已存在',
    choiceFor: '如何处理「{title}」',
    skip: '跳过',
    copy: '作为副本导入',
    skipAll: '全部跳过',
    copyAll: '全部作为副本',
    importOne: '导入 1 项策略执行',
    importMany: '导入 {count} 项策略执行',
    nothingToImport: '所有策略执行均已跳过，没有需要导入的内容。',
    peopleMerged: '已存在的人员保留原有姓名和角色。',
  },
  copyTitle: '{title}（副本）',
  done: '导入完成：{parts}。',
  doneParts: {
    importedOne: '已导入 1 项策略执行',
    importedMany: '已导入 {count} 项策略执行',
    copiesOne: '（其中 1 项为副本）',
    copiesMany: '（其中 {count} 项为副本）',
    skipped: '跳过 {count} 项',
    peopleOne: '新增 1 位人员',
    peopleMany: '新增 {count} 位人员',
    separator: '；',
  },
  empty: '文件是空的。请选择通过“导出整个工作区”或“导出此策略执行”保存的文件。',
  cutOff: '文件提前结束，像是在保存或传送时被截断了。请重新导出，再导入新文件。',
  type: {
    string: '文本',
    number: '数字',
    boolean: '是/否',
    object: '对象',
    array: '列表',
    null: '空值',
    value: '一个值',
  },
  error: {
    tooLarge:
      '文件大小为 {size} MB，上限为 {limit} MB。请减少每次导出的策略执行数量（使用“导出此策略执行”），再逐个导入。',
    notJson:
      '文件不是有效的 JSON：在第 {line} 行第 {column} 列（第 {offset} 个字符）处出错。文件可能不完整或被手动修改过，请从策略执行看板重新导出。',
    notAnExport:
      '这不是策略执行看板的导出文件。请选择通过“导出整个工作区”或“导出此策略执行”生成的文件。',
    newerFormat:
      '此文件使用导出格式版本 {version}，比本应用支持的版本（{supported}）更新。请刷新页面以加载最新版的策略执行看板后再导入；若应用仍无法读取，请联系应用管理员更新。',
    unknownFormat:
      '此文件标注的导出格式版本为 {version}，策略执行看板从未写出过这一版本（本应用可读取版本 {first} 至 {latest}）。文件已被改动，请使用未经修改的导出文件。',
    tooDeep:
      '数据嵌套超过 {limit} 层，正常导出的文件不会如此。文件已被改动，请使用未经修改的导出文件。',
    forbiddenKey:
      '文件中含有键“{key}”。该键可能篡改应用行为，导入时一律不允许。请使用未经修改的导出文件。',
    stringTooLong: '某段文本长 {length} 个字符，上限为 {limit}。文件已被改动，或并非导出文件。',
    arrayTooLong:
      '某个列表有 {length} 项，上限为 {limit}。请减少每次导出的策略执行数量，再逐个导入。',
    tooManyKeys: '某个对象有 {length} 个字段，上限为 {limit}。文件已被改动，或并非导出文件。',
    invalidNumber: '某个数字过大，无法保存。文件已被改动，请重新导出。',
    unknownKey: '字段“{key}”不属于导出格式。请删除该字段，或从策略执行看板重新导出。',
    missingKey: '缺少必填字段“{field}”，文件不完整。请重新导出。',
    wrongType: '此处应为{expected}，实际为{found}。文件被手动修改过，请重新导出。',
    invalidValue: '某个值无效（{detail}）。请从策略执行看板重新导出。',
    duplicateRun: '策略执行“{runId}”在文件中出现了两次。请重新导出。',
    duplicateEvent: '策略执行“{runId}”的第 {seq} 号事件与另一事件 ID 相同。请重新导出该策略执行。',
    duplicatePerson: '人员“{personId}”在文件中出现了两次。请重新导出。',
    duplicateDraft: '策略执行“{runId}”的{stage}阶段有两份草稿。请重新导出该策略执行。',
    foreignEvent:
      '策略执行“{runId}”下的第 {seq} 号事件属于策略执行“{eventRunId}”，不同策略执行的历史被混在了一起。请重新导出这些策略执行。',
    foreignDraft:
      '策略执行“{draftRunId}”的草稿被放在了策略执行“{runId}”下。请重新导出这些策略执行。',
    draftTooLarge: '策略执行“{runId}”的某份草稿超过 {limit} KB。请在原工作区中精简后重新导出。',
    draftUnreadable:
      '策略执行“{runId}”的某份草稿（{stage}阶段）已损坏：某个字段的值类型不对，无法打开。请在原工作区中重新导出该策略执行。',
    unknownLead:
      '策略执行“{runId}”的负责人“{personId}”不在文件的人员名单中，导入后将无人能提交其阶段。请在原工作区中连同团队重新导出。',
    emptyLog: '策略执行“{runId}”没有任何历史记录。请重新导出该策略执行。',
    seqGap:
      '策略执行“{runId}”：第 {expected} 号事件缺失或顺序错乱（此处为第 {found} 号）。历史不完整，请重新导出该策略执行。',
    brokenChain:
      '策略执行“{runId}”：第 {seq} 号事件与前一事件无法衔接，历史被截断或重排。请使用未经修改的导出文件。',
    tampered:
      '策略执行“{runId}”：第 {seq} 号事件在记录后被改动过（哈希值不再匹配）。文件已被篡改，请使用未经修改的导出文件。',
    headMismatch: '策略执行“{runId}”：历史提前结束，末尾缺少事件。请重新导出该策略执行。',
    newerMachine:
      '此数据由流程版本 {version} 保存，比本应用的版本 {supported} 更新。请先更新应用，再重新导入。',
    noMigration:
      '策略执行“{runId}”由流程版本 {version} 保存，本应用无法转换。请更新应用，或重新导出该策略执行。',
    invalidEvent:
      '策略执行“{runId}”：第 {seq} 号事件不是有效操作（{detail}）。文件已被改动，请使用未经修改的导出文件。',
    replayFailed:
      '策略执行“{runId}”：回放历史时在第 {seq} 号事件处失败（{detail}）。历史已被改动，请使用未经修改的导出文件。',
    snapshotMismatch:
      '策略执行“{runId}”：保存的状态与其历史不一致。文件被修改过，请重新导出该策略执行。',
    rowMismatch:
      '策略执行“{runId}”：字段“{field}”与其历史不一致。文件被修改过，请重新导出该策略执行。',
    wouldOverwrite:
      '策略执行“{runId}”在本工作区中已存在。请为它选择“跳过”或“作为副本导入”，不会覆盖任何数据。',
    writeFailed:
      '保存失败，因此没有导入任何内容（{detail}）。请释放部分存储空间或关闭本应用的其他标签页，然后重试。',
    cancelled: '已取消导入，未做任何更改。',
  },
};
